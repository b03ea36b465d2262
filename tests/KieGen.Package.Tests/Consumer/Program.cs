// Uses a model that is not in the catalog, generated from schemas/image/acme-upscale.kie.json, against the fake server.
using Consumer.Kie.Image;
using KieGen.Client;
using KieGen.Testing;

await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions
{
    DefaultScript = new TaskScript { Waiting = TimeSpan.Zero, Queuing = TimeSpan.Zero, Generating = TimeSpan.FromMilliseconds(500) },
});
using var client = new KieClient(new KieClientOptions { ApiKey = FakeKieOptions.DefaultApiKey, BaseAddress = kie.BaseAddress });
var request = new AcmeUpscaleRequest { ImageUrl = "https://example.com/photo.png", Scale = AcmeUpscaleScale.V4 };
var result = await client.SubmitAndWaitAsync(request);
Console.WriteLine($"model={kie.Tasks.Single().ModelId} body={kie.Tasks.Single().Body}");
Console.WriteLine($"result={result.Urls[0]}");
Console.WriteLine($"catalog={KieGen.Models.KieGenCatalog.Models.Count} own={Consumer.Kie.KieCatalog.Models.Count}");
