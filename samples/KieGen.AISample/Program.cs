// An app written only against Microsoft.Extensions.AI (IImageGenerator, IChatClient) that uses Kie models picked by
// configuration: swap them in appsettings.json, or on the command line (--Models:Image=google/imagen4
// --Models:Chat=claude-sonnet-4-6), without touching the code below the registration.
// Without KIE_API_KEY it runs against an embedded fake Kie server (no key, no credits, placeholder answers); with
// KIE_API_KEY set it calls api.kie.ai unchanged (and spends credits).
//   dotnet run --project samples/KieGen.AISample
using System;
using System.Drawing;
using System.Linq;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var live = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KieClientOptions.ApiKeyVariable));
await using var fake = live ? null : await FakeKieServer.StartAsync(new FakeKieOptions
{
    DefaultScript = new TaskScript { Waiting = TimeSpan.FromSeconds(0.5), Queuing = TimeSpan.FromSeconds(0.5), Generating = TimeSpan.FromSeconds(2) },
});

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKieClient(options =>
{
    if (fake is not null)
    {
        options.ApiKey = FakeKieOptions.DefaultApiKey;
        options.BaseAddress = fake.BaseAddress;
        options.UploadBaseAddress = fake.UploadBaseAddress;
    }
});
builder.Services
    .AddKieImageGenerator(builder.Configuration["Models:Image"] ?? "z-image")
    .AddKieChatClient(builder.Configuration["Models:Chat"] ?? "gemini-2.5-pro");
using var host = builder.Build();

Console.WriteLine(fake is null
    ? "Calling api.kie.ai (KIE_API_KEY is set)."
    : $"Calling the local fake Kie server at {fake.BaseAddress} (set KIE_API_KEY to call api.kie.ai).");
await RunAsync(host.Services.GetRequiredService<IImageGenerator>(), host.Services.GetRequiredService<IChatClient>());

// From here on, nothing knows about Kie: any IImageGenerator and IChatClient would do.
static async Task RunAsync(IImageGenerator images, IChatClient chat)
{
    var model = images.GetService<ImageGeneratorMetadata>()?.DefaultModelId;
    Console.WriteLine($"Image ({model}) ...");
    try
    {
        var picture = await images.GenerateImagesAsync(
            "A lighthouse on a cliff at dusk, oil painting",
            new ImageGenerationOptions { ImageSize = new Size(1920, 1080) });
        foreach (var content in picture.Contents.OfType<UriContent>())
        {
            Console.WriteLine($"  {content.Uri} ({content.MediaType})");
        }
    }
    catch (ArgumentException e)
    {
        // A model that cannot honour the request says so (model and parameter) before anything is sent.
        Console.WriteLine($"  Refused: {e.Message}");
    }

    Console.WriteLine($"Chat ({chat.GetService<ChatClientMetadata>()?.DefaultModelId}), streamed:");
    Console.Write("  ");
    await foreach (var update in chat.GetStreamingResponseAsync("Describe a lighthouse at dusk in one sentence."))
    {
        Console.Write(update.Text);
    }

    Console.WriteLine();
}
