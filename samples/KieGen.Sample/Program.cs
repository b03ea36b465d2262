// KieGen's main job: an image and a video from the catalog, with live progress, downloaded to a folder.
// Without KIE_API_KEY it runs against an embedded fake Kie server (no key, no credits); with KIE_API_KEY set it runs
// unchanged against api.kie.ai (and spends credits).
//   dotnet run --project samples/KieGen.Sample [output folder]
// Ctrl+C or SIGTERM ends it at once (exit code 130 / 143); tasks already submitted keep running at Kie.
using System;
using System.IO;
using KieGen.Client;
using KieGen.Models.Image;
using KieGen.Models.Video;
using KieGen.Testing;

var output = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "kie-output");
var live = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KieClientOptions.ApiKeyVariable));

await using var fake = live ? null : await FakeKieServer.StartAsync(new FakeKieOptions
{
    // Not the fake's test default (a task in a tenth of a second) but a pace you can watch: seconds instead of Kie's
    // minutes, each task going through its states, polled as Kie would be.
    Timing = FakeKieTiming.Realistic with
    {
        Waiting = TimeSpan.FromSeconds(0.5),
        Queuing = TimeSpan.FromSeconds(0.5),
        ImageGenerating = TimeSpan.FromSeconds(3),
        VideoGenerating = TimeSpan.FromSeconds(3),
    },
});
var options = fake is null
    ? new KieClientOptions() // the key comes from KIE_API_KEY
    : fake.CreateClientOptions(); // the fake's addresses and key; polling as against Kie (the timing above says so)
using var kie = new KieClient(options);
Console.WriteLine(fake is null
    ? "Calling api.kie.ai (KIE_API_KEY is set)."
    : $"Calling the local fake Kie server embedded in this sample at {fake.BaseAddress}: no key, no credits, placeholder results (set KIE_API_KEY to call api.kie.ai).");
Console.WriteLine($"Credits: {await kie.GetCreditsAsync()}");

// Prints each state change as it happens, in order (Progress<T> would post them to the thread pool).
var progress = KieProgress.Create(p => Console.WriteLine(
    $"  {p.Task.ModelId} {(p.Task.TaskId.Length > 8 ? p.Task.TaskId[..8] : p.Task.TaskId)}: {p.State,-9} ({p.RawState}){(p.Progress is { } f ? $" {f:P0}" : "")} after {p.Elapsed.TotalSeconds:F0} s"));

// 1. An image, typed and validated: a constant prompt over the model's limit would not even compile (KIE101).
var image = new NanoBanana2Request
{
    Prompt = "A lighthouse on a cliff at dusk, warm light in the window, oil painting",
    AspectRatio = NanoBanana2AspectRatio.Ratio16x9,
};
Console.WriteLine($"Submitting {image.ModelInfo.ModelId} ...");
var picture = await kie.SubmitAndWaitAsync(image, progress);

// 2. A video that animates the image just made.
var video = Kling2_6ImageToVideoRequest.CreateBuilder()
    .WithPrompt("Slow dolly forward, waves rolling in, the light in the window flickers")
    .WithImageUrls(picture.Urls[0].ToString())
    .WithSound(false)
    .WithDuration(Kling2_6ImageToVideoDuration.Seconds5)
    .Build();
Console.WriteLine($"Submitting {video.ModelInfo.ModelId} ...");
var clip = await kie.SubmitAndWaitAsync(video, progress);

// 3. Download both before Kie deletes them (14 days).
foreach (var result in new[] { picture, clip })
{
    foreach (var path in await kie.SaveAsync(result, output))
    {
        Console.WriteLine($"Saved {path} ({new FileInfo(path).Length} bytes; Kie keeps the original until {result.ExpiresAt:yyyy-MM-dd})");
    }
}

Console.WriteLine($"Done. Results are in {output}");
if (fake is not null)
{
    Console.WriteLine("These are placeholders from the local fake Kie server (a drawn 'FAKE KIE' picture, a one-second test pattern), " +
        "not generated media: set KIE_API_KEY to have Kie make real ones.");
}
