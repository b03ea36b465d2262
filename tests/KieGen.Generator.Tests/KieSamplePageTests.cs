using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using KieGen.Generator.Tests.Infrastructure;
using KieGen.Import;
using KieGen.Requests;
using KieGen.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>
/// Kie's own pages, end to end: converted by the importer, generated and compiled with zero warnings, and the
/// examples Kie prints for each create call accepted by the generated request type.
/// </summary>
public class KieSamplePageTests
{
    [Fact]
    public void Every_importable_page_compiles_and_its_generated_type_accepts_the_pages_own_examples()
    {
        var folder = KieOpenApiSamples.Folder();
        Assert.SkipWhen(folder is null, KieOpenApiSamples.AbsentReason);
        var files = new List<AdditionalText>();
        var examples = new List<(string Page, string Model, JsonObject Body)>();
        foreach (var page in KieOpenApiSamples.Pages(folder!))
        {
            var bytes = File.ReadAllBytes(page);
            var openApi = KieDocumentReader.Read(bytes, page).OpenApi!;
            var result = KieOpenApiImporter.Convert(openApi, new ImportSource(page, DateTimeOffset.UnixEpoch, KieOpenApiImporter.Sha256(bytes)));
            if (!result.Imported)
            {
                continue; // which pages are not importable, and why, is KieSampleTests' concern
            }

            files.Add(new SchemaText("schemas/" + Path.GetFileNameWithoutExtension(page) + ".kie.json", result.File!.ToJsonString()));
            examples.AddRange(CreateExamples(openApi).Select(body => (page, result.Model!, body)));
        }

        Assert.NotEmpty(files);
        var generated = GeneratorHarness.Run(files, options: GeneratorHarness.Consumer);
        Assert.Empty(generated.GeneratorDiagnostics);
        Assert.Empty(generated.CompileProblems());
        var catalog = (KieModelCatalog)GeneratorHarness.Load(generated.Output).GetType("Consumer.Kie.KieCatalog")!
            .GetProperty("Models", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.NotEmpty(examples);
        foreach (var (page, model, body) in examples)
        {
            using var json = JsonDocument.Parse(body.ToJsonString());
            Assert.True(catalog[model].TryParseBody(json.RootElement, out _, out var errors),
                $"{Path.GetFileName(page)}: Kie's example is rejected: {string.Join("; ", errors.Select(e => e.Path + ": " + e.Message))}");
        }
    }

    /// <summary>The <c>example</c> and each of the <c>examples</c> of every create call's JSON request body.</summary>
    private static IEnumerable<JsonObject> CreateExamples(JsonNode openApi)
    {
        foreach (var (_, operations) in openApi["paths"]?.AsObject() ?? [])
        {
            if (operations?["post"]?["requestBody"]?["content"]?["application/json"] is not JsonObject content)
            {
                continue;
            }

            if (content["example"] is JsonObject single)
            {
                yield return single;
            }

            foreach (var (_, named) in content["examples"]?.AsObject() ?? [])
            {
                if (named?["value"] is JsonObject value)
                {
                    yield return value;
                }
            }
        }
    }
}
