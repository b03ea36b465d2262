// Uses a model that is not in the catalog, generated from schemas/image/acme-upscale.kie.json, against the fake server,
// with the README's snippets as written: its usings, KieProgress, and both catalogs imported side by side.
using Consumer.Kie;
using Consumer.Kie.Image;
using KieGen.Client;
using KieGen.Models;
using KieGen.Requests;
using KieGen.Testing;

await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions
{
    DefaultScript = new TaskScript { Waiting = TimeSpan.Zero, Queuing = TimeSpan.Zero, Generating = TimeSpan.FromMilliseconds(500) },
});
using var client = new KieClient(new KieClientOptions { ApiKey = FakeKieOptions.DefaultApiKey, BaseAddress = kie.BaseAddress });
var request = new AcmeUpscaleRequest { ImageUrl = "https://example.com/photo.png", Scale = AcmeUpscaleScale.V4 };
var states = new List<string>();
var result = await client.SubmitAndWaitAsync(request, KieProgress.Create(p => states.Add(p.State.ToString())));
Console.WriteLine($"model={kie.Tasks.Single().ModelId} body={kie.Tasks.Single().Body}");
Console.WriteLine($"json={System.Text.Encoding.UTF8.GetString(request.ToJsonBody())}");
Console.WriteLine($"result={result.Urls[0]}");
Console.WriteLine($"progress={string.Join(",", states.Distinct())}");
Console.WriteLine($"catalog={KieGenCatalog.Models.Count} own={KieCatalog.Models.Count} merged={KieGenCatalog.Models.With(KieCatalog.Models).Count}");
