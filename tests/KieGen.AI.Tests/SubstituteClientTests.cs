using KieGen.Client;
using KieGen.Requests;
using KieGen.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.AI.Tests;

/// <summary>
/// The adapters run on a test's subclass of <see cref="KieClient"/> (the documented mocking path): it overrides what
/// the code under test calls, with no server and no key.
/// </summary>
public class SubstituteClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_image_generator_registered_beside_a_test_client_uses_it_and_adds_no_client_of_its_own()
    {
        var kie = new ScriptedKie();
        var services = new ServiceCollection().AddSingleton<KieClient>(kie).AddKieImageGenerator("z-image");
        await using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IImageGenerator>();

        var response = await generator.GenerateImagesAsync("A lighthouse at dusk", new ImageGenerationOptions { ImageSize = new System.Drawing.Size(1024, 1024) }, Ct);

        Assert.Equal("z-image", Assert.Single(kie.Submitted).ModelInfo.ModelId);
        Assert.Equal(new Uri("https://files.example/lighthouse.png"), Assert.IsType<UriContent>(Assert.Single(response.Contents)).Uri);
        Assert.Same(kie, generator.GetService<KieClient>());
        Assert.Same(kie, generator.GetService<ScriptedKie>());
        Assert.Equal(new Uri("https://kie.example/"), generator.GetService<ImageGeneratorMetadata>()!.ProviderUri);
        Assert.Single(services, d => d.ServiceType == typeof(KieClient));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(System.Net.Http.IHttpClientFactory)); // AddKieClient was not called
    }

    [Fact]
    public async Task A_client_made_only_with_the_protected_constructor_is_accepted_by_every_adapter_and_names_what_to_override()
    {
        var kie = new BareKie();
        var services = new ServiceCollection().AddSingleton<KieClient>(kie)
            .AddKieImageGenerator("z-image")
            .AddKieTextToSpeechClient("elevenlabs/text-to-speech-turbo-2-5")
            .AddKieSpeechToTextClient("elevenlabs/speech-to-text")
            .AddKieChatClient("gemini-2.5-pro");
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var image = provider.GetRequiredService<IImageGenerator>();
        var speech = provider.GetRequiredService<ITextToSpeechClient>();
        var transcription = provider.GetRequiredService<ISpeechToTextClient>();
        var chat = provider.GetRequiredService<IChatClient>();

        Assert.All(new object?[] { image.GetService<KieClient>(), speech.GetService<KieClient>(), transcription.GetService<KieClient>(), chat.GetService<KieClient>() },
            client => Assert.Same(kie, client));
        var notOverridden = await Assert.ThrowsAsync<InvalidOperationException>(() => image.GenerateImagesAsync("A lighthouse", new ImageGenerationOptions { ImageSize = new System.Drawing.Size(1024, 1024) }, Ct));
        Assert.Contains("BareKie.SubmitAsync is not overridden", notOverridden.Message);
        var metadata = Assert.Throws<InvalidOperationException>(() => image.GetService<ImageGeneratorMetadata>());
        Assert.Contains("BareKie.BaseAddress is not overridden", metadata.Message);
        var chatting = await Assert.ThrowsAsync<InvalidOperationException>(() => chat.GetResponseAsync("Hi", cancellationToken: Ct));
        Assert.Contains("substitute its IChatClient", chatting.Message);
    }

    /// <summary>What a user's test writes: nothing but the protected constructor.</summary>
    private sealed class BareKie : KieClient;

    /// <summary>Answers the three members an image generation uses; any other one throws, naming itself.</summary>
    private sealed class ScriptedKie : KieClient
    {
        public List<IKieRequest> Submitted { get; } = [];

        public override Uri BaseAddress { get; } = new("https://kie.example/");

        public override Task<KieTask> SubmitAsync<TRequest>(TRequest request, string? callbackUrl = null, CancellationToken cancellationToken = default)
        {
            Submitted.Add(request);
            return Task.FromResult(KieModelFactory.Task("t-1", request.ModelInfo.ModelId, request.ModelInfo.Family, request.ModelInfo.ResultKind, request.ModelInfo.StatusPath));
        }

        public override Task<KieTaskResult> WaitForCompletionAsync(KieTask task, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(KieModelFactory.TaskResult(task.TaskId, [new Uri("https://files.example/lighthouse.png")], creditsConsumed: 4));
    }
}
