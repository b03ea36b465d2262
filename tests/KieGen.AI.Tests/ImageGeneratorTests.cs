using System.Drawing;
using System.Text.Json;
using KieGen.Client;
using KieGen.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.AI.Tests;

/// <summary>IImageGenerator over catalog models, driven through the abstraction against the fake Kie server.</summary>
public class ImageGeneratorTests
{
    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Text_to_image_maps_prompt_and_size_to_the_models_parameters_and_returns_links()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieImageGenerator("z-image"));
        var generator = kie.Services.GetRequiredService<IImageGenerator>();
        var reports = new List<KieTaskProgress>();
        var options = new ImageGenerationOptions
        {
            ImageSize = new Size(1920, 1080),
            AdditionalProperties = new() { ["nsfw_checker"] = true, ["kie.progress"] = new SyncProgress(reports) },
        };

        var response = await generator.GenerateImagesAsync("A lighthouse at dusk", options, Ct);

        var body = Assert.Single(kie.CreateBodies());
        Assert.Equal("z-image", body.GetProperty("model").GetString());
        var input = body.GetProperty("input");
        Assert.Equal("A lighthouse at dusk", input.GetProperty("prompt").GetString());
        Assert.Equal("16:9", input.GetProperty("aspect_ratio").GetString());
        Assert.True(input.GetProperty("nsfw_checker").GetBoolean());

        var image = Assert.IsType<UriContent>(Assert.Single(response.Contents));
        Assert.Equal("image/png", image.MediaType);
        var result = Assert.IsType<KieTaskResult>(response.RawRepresentation);
        Assert.NotNull(kie.Server.FindTask(result.TaskId));
        Assert.Equal(image.Uri, Assert.Single(result.Urls));
        Assert.Contains(reports, r => r.Task.TaskId == result.TaskId && r.State == KieTaskState.Succeeded);
    }

    [Fact]
    public async Task Image_to_image_uploads_DataContent_passes_the_link_and_downloads_the_result_when_asked()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieImageGenerator("google/nano-banana-edit"));
        var generator = kie.Services.GetRequiredService<IImageGenerator>();
        var options = new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Data, MediaType = "image/jpeg" };

        var response = await generator.EditImageAsync(new DataContent(OnePixelPng, "image/png"), "Make it blue", options, Ct);

        var upload = Assert.Single(kie.Server.Requests, r => r.IsUpload && r.ApiKey == kie.Key);
        Assert.Equal(Convert.ToBase64String(OnePixelPng), JsonDocument.Parse(upload.Body).RootElement.GetProperty("base64Data").GetString());
        var input = Assert.Single(kie.CreateBodies()).GetProperty("input");
        var link = Assert.Single(input.GetProperty("image_urls").EnumerateArray()).GetString()!;
        Assert.StartsWith(kie.Server.UploadBaseAddress.ToString(), link, StringComparison.Ordinal);
        Assert.Equal("Make it blue", input.GetProperty("prompt").GetString());
        Assert.Equal("jpeg", input.GetProperty("output_format").GetString());

        var image = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Data[..4].ToArray());
    }

    [Fact]
    public async Task UriContent_inputs_are_passed_as_links_without_upload()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieImageGenerator("google/nano-banana-edit"));
        var generator = kie.Services.GetRequiredService<IImageGenerator>();
        var source = new Uri("https://example.com/cat.png");

        await generator.GenerateAsync(new ImageGenerationRequest("A hat on the cat", [new UriContent(source, "image/png")]), cancellationToken: Ct);

        Assert.DoesNotContain(kie.Server.Requests, r => r.IsUpload);
        var urls = Assert.Single(kie.CreateBodies()).GetProperty("input").GetProperty("image_urls");
        Assert.Equal(source.ToString(), Assert.Single(urls.EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_size_the_model_has_no_value_for_names_the_model_and_the_parameter_and_submits_nothing()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieImageGenerator("z-image"));
        var generator = kie.Services.GetRequiredService<IImageGenerator>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateImagesAsync("A lighthouse", new ImageGenerationOptions { ImageSize = new Size(1000, 700) }, Ct));

        Assert.Contains("'z-image'", error.Message);
        Assert.Contains("'aspect_ratio'", error.Message);
        Assert.Contains("10:7", error.Message);
        Assert.Empty(kie.CreateBodies());
    }

    [Fact]
    public async Task A_count_the_model_cannot_make_is_refused_naming_the_model()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieImageGenerator("z-image"));
        var generator = kie.Services.GetRequiredService<IImageGenerator>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateImagesAsync("A lighthouse", new ImageGenerationOptions { Count = 3, ImageSize = new Size(1, 1) }, Ct));

        Assert.Contains("'z-image'", error.Message);
        Assert.Contains("count", error.Message);
        Assert.Contains("ImageGenerationOptions.Count", error.Message);
    }

    [Fact]
    public async Task Model_specific_parameters_are_validated_by_the_models_schema()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieImageGenerator("z-image"));
        var generator = kie.Services.GetRequiredService<IImageGenerator>();
        var options = new ImageGenerationOptions { ImageSize = new Size(1, 1), AdditionalProperties = new() { ["nsfw_checker"] = "yes" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateImagesAsync("A lighthouse", options, Ct));

        Assert.Contains("'z-image'", error.Message);
        Assert.Contains("nsfw_checker", error.Message);
        Assert.Empty(kie.CreateBodies());
    }

    [Fact]
    public async Task A_required_parameter_without_a_role_is_reported_by_its_wire_name()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieImageGenerator("z-image"));
        var generator = kie.Services.GetRequiredService<IImageGenerator>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateImagesAsync("A lighthouse", cancellationToken: Ct));

        Assert.Contains("aspect_ratio", error.Message);
        Assert.Empty(kie.CreateBodies());
    }

    [Fact]
    public async Task Keyed_generators_and_a_chat_client_share_one_KieClient()
    {
        await using var kie = await Fixture.StartAsync(s => s
            .AddKeyedKieImageGenerator("fast", "z-image")
            .AddKeyedKieImageGenerator("edit", "google/nano-banana-edit")
            .AddKieChatClient("gemini-2.5-pro"));
        var fast = kie.Services.GetRequiredKeyedService<IImageGenerator>("fast");
        var edit = kie.Services.GetRequiredKeyedService<IImageGenerator>("edit");
        var chat = kie.Services.GetRequiredService<IChatClient>();

        Assert.Equal("z-image", fast.GetService<ImageGeneratorMetadata>()!.DefaultModelId);
        Assert.Equal("google/nano-banana-edit", edit.GetService<ImageGeneratorMetadata>()!.DefaultModelId);
        var client = kie.Services.GetRequiredService<KieClient>();
        Assert.Same(client, fast.GetService<KieClient>());
        Assert.Same(client, edit.GetService<KieClient>());
        Assert.Same(client, chat.GetService<KieClient>());
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which a test cannot await).</summary>
    private sealed class SyncProgress(List<KieTaskProgress> reports) : IProgress<KieTaskProgress>
    {
        public void Report(KieTaskProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
