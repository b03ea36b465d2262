using System;
using System.Text;
using KieGen.Models.Video;
using KieGen.Requests;
using KieGen.Validation;

// The generated request types for the catalog's models: typed, validated, serialized without reflection.
// (Submitting to Kie and the embedded fake server arrive with the runtime client; this shows the requests.)

var kling = Kling2_6ImageToVideoRequest.CreateBuilder()
    .WithPrompt("A lighthouse at dusk, waves rolling in, slow dolly forward")
    .WithImageUrls("https://example.com/lighthouse.png")
    .WithSound(true)
    .WithDuration(Kling2_6ImageToVideoDuration.Seconds5)
    .Build();

Console.WriteLine($"{kling.ModelInfo.ModelId} -> POST {kling.ModelInfo.CreatePath}");
Console.WriteLine(Encoding.UTF8.GetString(kling.ToJsonBody(callbackUrl: "https://example.com/kie/callbacks")));
Console.WriteLine();

var veo = new Veo3_1GenerateRequest
{
    Prompt = "A paper boat sailing down a rainy street",
    AspectRatio = Veo3_1GenerateAspectRatio.Ratio9x16,
    Duration = Veo3_1GenerateDuration.Seconds8,
};
Console.WriteLine($"{veo.ModelInfo.ModelId} -> POST {veo.ModelInfo.CreatePath} ({veo.ModelInfo.BodyStyle} body)");
Console.WriteLine(Encoding.UTF8.GetString(veo.ToJsonBody()));
Console.WriteLine();

// Invalid input is rejected with every problem at once, each named by its wire name.
try
{
    Kling2_6ImageToVideoRequest.CreateBuilder()
        .WithPrompt(new string('x', 1200))
        .WithImageUrls("not a url", "https://example.com/second.png")
        .Build();
}
catch (KieValidationException e)
{
    Console.WriteLine(e.Message);
}

Console.WriteLine();

// A service can check a request it received against the model's schema.
var received = """{"prompt":"hi","image_urls":["https://example.com/a.png"],"sound":"yes","duration":"7"}"""u8;
if (!Kling2_6ImageToVideoRequest.TryParse(received, out _, out var errors))
{
    Console.WriteLine("Rejected received request:");
    foreach (var error in errors)
    {
        Console.WriteLine($"  {error}");
    }
}
