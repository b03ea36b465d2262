using KieGen.Models;
using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

/// <summary>The fake server, validating against the catalog, accepts every request example in Kie's documentation.</summary>
public class DocumentedExampleTests
{
    /// <summary>Example keys the docs misspell with stray whitespace; sent trimmed, as the catalog's schema has them.</summary>
    private static readonly Dictionary<string, string> TrimmedKeys = new() { ["reference_image "] = "reference_image" };

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        using var reference = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reference", "kie-models.json")));
        foreach (var entry in reference.RootElement.EnumerateArray())
        {
            var model = entry.GetProperty("model").GetString()!;
            if (!KieCatalog.Models.TryGet(model, out _))
            {
                continue; // chat, account, upload and synchronous operations: not tasks
            }

            for (var i = 0; i < entry.GetProperty("examples").GetArrayLength(); i++)
            {
                data.Add(model, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Documented_example_creates_a_task(string model, int index)
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reference", "kie-models.json")));
        var example = reference.RootElement.EnumerateArray().Single(e => e.GetProperty("model").GetString() == model).GetProperty("examples")[index];
        var json = TrimmedKeys.Aggregate(example.GetRawText(), (text, rename) => text.Replace($"\"{rename.Key}\"", $"\"{rename.Value}\"", StringComparison.Ordinal));

        await using var kie = await Kie.StartAsync(o => o.Catalog = KieCatalog.Models);
        var (status, body) = await kie.PostAsync(KieCatalog.Models[model].Model.CreatePath, json);

        Assert.True(status == HttpStatusCode.OK, $"{model} example {index}: {body}");
        Assert.Single(kie.Server.Tasks);
    }
}
