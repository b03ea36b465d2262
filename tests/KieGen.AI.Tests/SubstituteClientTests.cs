using System.Reflection;
using KieGen.Client;
using KieGen.Requests;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.AI.Tests;

/// <summary>The adapters run on any <see cref="IKieClient"/>: a user's substitute, with no server and no key.</summary>
public class SubstituteClientTests
{
    [Fact]
    public async Task An_image_generator_registered_beside_a_substitute_client_uses_it_and_adds_no_KieClient()
    {
        var kie = DispatchProxy.Create<IKieClient, ScriptedKie>();
        var services = new ServiceCollection().AddSingleton(kie).AddKieImageGenerator("z-image");
        await using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IImageGenerator>();

        var response = await generator.GenerateImagesAsync("A lighthouse at dusk", new ImageGenerationOptions { ImageSize = new System.Drawing.Size(1024, 1024) }, TestContext.Current.CancellationToken);

        var submitted = Assert.IsAssignableFrom<IKieRequest>(Assert.Single(((ScriptedKie)(object)kie).Submitted));
        Assert.Equal("z-image", submitted.ModelInfo.ModelId);
        Assert.Equal(new Uri("https://files.example/lighthouse.png"), Assert.IsType<UriContent>(Assert.Single(response.Contents)).Uri);
        Assert.Same(kie, generator.GetService<IKieClient>());
        Assert.Null(generator.GetService<KieClient>());
        Assert.Equal(new Uri("https://kie.example/"), generator.GetService<ImageGeneratorMetadata>()!.ProviderUri);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(KieClient));
    }

    /// <summary>Answers the three members an image generation uses; any other call fails the test by name.</summary>
    public class ScriptedKie : DispatchProxy
    {
        public List<object> Submitted { get; } = [];

        protected override object? Invoke(MethodInfo? method, object?[]? args) => method!.Name switch
        {
            "get_BaseAddress" => new Uri("https://kie.example/"),
            nameof(IKieClient.SubmitAsync) => Submit((IKieRequest)args![0]!),
            nameof(IKieClient.WaitForCompletionAsync) => Task.FromResult(
                KieModelFactory.TaskResult(((KieTask)args![0]!).TaskId, [new Uri("https://files.example/lighthouse.png")], creditsConsumed: 4)),
            _ => throw new NotSupportedException(method.Name + " was not expected"),
        };

        private Task<KieTask> Submit(IKieRequest request)
        {
            Submitted.Add(request);
            return Task.FromResult(KieTask.For("t-1", request.ModelInfo, DateTimeOffset.UnixEpoch));
        }
    }
}
