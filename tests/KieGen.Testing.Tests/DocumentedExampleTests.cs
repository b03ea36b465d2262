using KieGen.Models;
using KieGen.Testing.Tests.Infrastructure;
using KieGen.Tests.Shared;

namespace KieGen.Testing.Tests;

/// <summary>The fake server, validating against the catalog, accepts every request example in Kie's documentation.</summary>
public class DocumentedExampleTests
{
    public static TheoryData<string, int> Examples() => new(ReferenceExamples.All());

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Documented_example_creates_a_task(string model, int index)
    {
        var json = ReferenceExamples.Json(model, index);

        await using var kie = await Kie.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var (status, body) = await kie.PostAsync(KieGenCatalog.Models[model].Model.CreatePath, json);

        Assert.True(status == HttpStatusCode.OK, $"{model} example {index}: {body}");
        Assert.Single(kie.Server.Tasks);
    }
}
