// Adding a model: schemas/image/acme-upscale-v2.kie.json is the only thing this project adds. On build, KieGen
// generates KieGen.CustomModel.Kie.Image.AcmeUpscaleV2Request (namespace: <RootNamespace>.Kie.<category>) with its
// enum, builder, validation and serialization, and this project's KieCatalog lists it.
// "acme/upscale-v2" is a made-up model, so this sample talks to the embedded fake Kie server only.
using System;
using System.Linq;
using KieGen.Client;
using KieGen.CustomModel.Kie.Image;
using KieGen.Requests;
using KieGen.Testing;

await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions
{
    DefaultScript = new TaskScript { Waiting = TimeSpan.Zero, Queuing = TimeSpan.FromSeconds(0.5), Generating = TimeSpan.FromSeconds(1) },
});
using var client = new KieClient(new KieClientOptions { ApiKey = FakeKieOptions.DefaultApiKey, BaseAddress = kie.BaseAddress });

var request = AcmeUpscaleV2Request.CreateBuilder()
    .WithImageUrl("https://example.com/photo.png")
    .WithScale(AcmeUpscaleV2Scale.Times4)
    .WithPrompt("keep the film grain")
    .Build();
Console.WriteLine($"{request.ModelInfo.ModelId}: {System.Text.Encoding.UTF8.GetString(request.ToJsonBody())}");

var result = await client.SubmitAndWaitAsync(request);
Console.WriteLine($"Result: {result.Urls[0]}");
Console.WriteLine($"Models generated in this project: {string.Join(", ", KieGen.CustomModel.Kie.KieCatalog.Models.Select(m => m.Model.ModelId))}");
