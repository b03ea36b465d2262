using System.Reflection;
using System.Text.Json;
using KieGen.Generator.Tests.Infrastructure;
using KieGen.Requests;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>Where a project's models land, and the KieCatalog class that lists them.</summary>
public class NamespaceAndCatalogTests
{
    private static SchemaText Schema(string path, string id) => new(path,
        "{\"model\": \"" + id + "\", \"family\": \"market\", \"category\": \"image\", \"result\": \"image\", \"input\": {\"properties\": " +
        "{\"prompt\": {\"type\": \"string\", \"maxLength\": 5}}, \"required\": [\"prompt\"]}}");

    [Theory]
    [InlineData(null, null, "KieGen.Models")]
    [InlineData("Acme.App", null, "Acme.App.Kie")]
    [InlineData("Acme.App", "Acme.Generated", "Acme.Generated")]
    public void Base_namespace_is_KieGenNamespace_else_RootNamespace_dot_Kie(string? root, string? configured, string expected)
    {
        var options = new Dictionary<string, string>();
        if (root is not null)
        {
            options["build_property.RootNamespace"] = root;
        }

        if (configured is not null)
        {
            options["build_property.KieGenNamespace"] = configured;
        }

        var result = GeneratorHarness.Run(new AdditionalText[] { Schema("a.kie.json", "test/a") }, options: options);

        Assert.Equal(expected + ".Image.TestARequest.g.cs", Assert.Single(result.Sources).HintName);
        Assert.Contains("namespace " + expected + "\n", result.CatalogSource);
    }

    [Theory]
    [InlineData("kie-catalog", "Acme.Kie")]
    [InlineData("kie-gen-catalog", "KieGen.Models")]
    public void A_category_named_like_the_catalog_class_of_its_namespace_is_KIE010(string category, string baseNamespace)
    {
        var text = "{\"model\": \"test/a\", \"family\": \"market\", \"category\": \"" + category + "\", \"result\": \"image\", \"input\": {}}";
        var result = GeneratorHarness.Run(new AdditionalText[] { new SchemaText("a.kie.json", text) }, options: new Dictionary<string, string> { ["build_property.KieGenNamespace"] = baseNamespace });

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("KIE010", diagnostic.Id);
        Assert.Equal(text.IndexOf(category, StringComparison.Ordinal) - 1, diagnostic.Location.SourceSpan.Start);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void A_project_without_schema_files_gets_no_catalog_class()
    {
        var result = GeneratorHarness.Run(Array.Empty<AdditionalText>());
        Assert.Null(result.CatalogSource);
    }

    [Fact]
    public void Generated_catalog_finds_and_validates_every_model_by_id()
    {
        var result = GeneratorHarness.Run(
            new AdditionalText[] { Schema("b.kie.json", "test/b"), Schema("a.kie.json", "test/a") },
            options: GeneratorHarness.Consumer);
        Assert.Empty(result.CompileProblems());

        var assembly = GeneratorHarness.Load(result.Output);
        var catalog = (KieModelCatalog)assembly.GetType("Consumer.Kie.KieCatalog")!
            .GetProperty("Models", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(new[] { "test/a", "test/b" }, catalog.Select(e => e.Model.ModelId).Order(StringComparer.Ordinal));
        var entry = catalog["test/b"];
        Assert.Equal("Consumer.Kie.Image.TestBRequest", entry.RequestType.FullName);

        using var valid = JsonDocument.Parse("""{"prompt":"hello"}""");
        Assert.True(entry.TryParse(valid.RootElement, out var request, out _));
        Assert.IsType(entry.RequestType, request);

        using var invalid = JsonDocument.Parse("""{"prompt":"too long"}""");
        Assert.False(entry.TryParse(invalid.RootElement, out _, out var errors));
        Assert.Equal("maxLength", Assert.Single(errors).Keyword);

        Assert.False(catalog.TryGet("test/missing", out _));
        Assert.Contains("test/missing", Assert.Throws<KeyNotFoundException>(() => catalog["test/missing"]).Message);
    }

    [Fact]
    public void A_project_model_with_a_catalog_id_shadows_the_catalog_entry_when_merged()
    {
        var result = GeneratorHarness.Run(
            new AdditionalText[] { Schema("kling.kie.json", "kling-2.6/image-to-video") },
            options: GeneratorHarness.Consumer);
        Assert.Empty(result.CompileProblems());
        var assembly = GeneratorHarness.Load(result.Output);
        var own = (KieModelCatalog)assembly.GetType("Consumer.Kie.KieCatalog")!
            .GetProperty("Models", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        var merged = KieGen.Models.KieGenCatalog.Models.With(own);

        Assert.Equal(KieGen.Models.KieGenCatalog.Models.Count, merged.Count);
        Assert.Equal(typeof(KieGen.Models.Video.Kling2_6ImageToVideoRequest), KieGen.Models.KieGenCatalog.Models["kling-2.6/image-to-video"].RequestType);
        Assert.Equal("Consumer.Kie.Image.Kling2_6ImageToVideoRequest", merged["kling-2.6/image-to-video"].RequestType.FullName);
    }

    [Fact]
    public void Code_that_imports_the_library_catalog_and_its_own_models_names_both_catalogs_unambiguously()
    {
        const string code = """
            namespace Consumer
            {
                using KieGen.Models;
                using Consumer.Kie;

                public static class Catalogs
                {
                    public static global::KieGen.Requests.KieModelCatalog All => KieGenCatalog.Models.With(KieCatalog.Models);
                }
            }
            """;
        var result = GeneratorHarness.Run(new AdditionalText[] { Schema("b.kie.json", "test/b") }, code, GeneratorHarness.Consumer);
        Assert.Empty(result.CompileProblems());
    }
}
