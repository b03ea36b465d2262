using KieGen.Catalog.Tests.Infrastructure;
using KieGen.Models;
using KieGen.Requests;

namespace KieGen.Catalog.Tests;

/// <summary>The catalog says what the reference says: a drift between the two fails the build.</summary>
public class CatalogConsistencyTests
{
    public static TheoryData<string> TaskModels() => new(ReferenceModels.Tasks.Select(ReferenceModels.Id).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_task_creating_model_with_known_parameters_has_exactly_one_schema_file_under_its_current_id()
    {
        var expected = ReferenceModels.Tasks.Select(ReferenceModels.Id).Order(StringComparer.Ordinal).ToList();
        var current = CatalogFiles.All.Where(f => !ReferenceModels.Renamed.ContainsKey(f.Model) && !ReferenceModels.Retired.ContainsKey(f.Model))
            .Where(f => !ModelsSinceReference.Models.ContainsKey(f.Model))
            .Where(f => !f.IsSynchronous)
            .Select(f => f.Model).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, current);
        Assert.Equal(CatalogFiles.All.Count, CatalogFiles.All.Select(f => f.Model).Distinct(StringComparer.Ordinal).Count());
    }

    public static TheoryData<string> DeprecatedModels() => new(CatalogFiles.All.Select(f => f.Model)
        .Where(m => ReferenceModels.Renamed.ContainsKey(m) || ReferenceModels.Retired.ContainsKey(m)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(DeprecatedModels))]
    public void A_renamed_or_retired_id_stays_one_release_as_an_obsolete_type_naming_its_replacement(string model)
    {
        var marker = CatalogFiles.Get(model).Json.GetProperty("deprecated");
        var replacement = ReferenceModels.Renamed.GetValueOrDefault(model);
        Assert.Equal(replacement, marker.TryGetProperty("replacedBy", out var by) ? by.GetString() : null);

        var type = KieGenCatalog.Models[model].RequestType;
        var obsolete = Assert.Single(type.GetCustomAttributes(typeof(ObsoleteAttribute), false).Cast<ObsoleteAttribute>());
        Assert.False(obsolete.IsError);
        // A retired id says so in its first words (deprecated.status), not only in its reason.
        Assert.StartsWith(model + (replacement is null ? " is retired: " : " is deprecated: "), obsolete.Message, StringComparison.Ordinal);
        if (replacement is null)
        {
            Assert.Equal("retired", marker.GetProperty("status").GetString());
        }
        else
        {
            Assert.Contains(KieGenCatalog.Models[replacement].RequestType.FullName!, obsolete.Message, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> SynchronousModels() => new(CatalogFiles.All.Where(f => f.IsSynchronous).Select(f => f.Model).Order(StringComparer.Ordinal));

    /// <summary>
    /// A synchronous file is a model of the reference (gemini-omni-audio), or a renamed id whose former route was the
    /// call (suno/boost-style); it calls the path the reference gives, with the parameters and required set it lists.
    /// </summary>
    [Theory]
    [MemberData(nameof(SynchronousModels))]
    public void Synchronous_file_calls_the_path_the_reference_gives_with_its_parameters(string model)
    {
        var file = CatalogFiles.Get(model);
        var info = KieGenCatalog.Models[model].Model;
        Assert.Equal((file.Json.GetProperty("endpoint").GetProperty("call").GetString(), "", ""), (info.CallPath, info.CreatePath, info.StatusPath));
        if (ReferenceModels.Renamed.TryGetValue(model, out var current))
        {
            var renamed = ReferenceModels.Get(current).GetProperty("lifecycle");
            Assert.Equal("POST " + info.CallPath, renamed.GetProperty("oldEndpoint").GetString());
            Assert.Equal(ReferenceModels.Get(current).GetProperty("params").EnumerateArray().Select(p => p.GetProperty("name").GetString()),
                file.Input.GetProperty("properties").EnumerateObject().Select(p => p.Name));
            return;
        }

        var reference = ReferenceModels.Get(model);
        Assert.Equal(reference.GetProperty("endpoint").GetProperty("path").GetString(), info.CallPath);
        Assert.Equal(reference.GetProperty("params").EnumerateArray().Select(p => p.GetProperty("name").GetString()),
            file.Input.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(reference.GetProperty("bodyRequired").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal),
            file.Input.GetProperty("required").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Models_without_known_parameters_have_no_file()
    {
        var missing = ReferenceModels.ParametersNotFound.Select(ReferenceModels.Id).ToList();
        Assert.NotEmpty(missing);
        Assert.DoesNotContain(CatalogFiles.All, f => missing.Contains(f.Model));
    }

    [Fact]
    public void The_compiled_catalog_holds_every_schema_file()
    {
        Assert.Equal(
            CatalogFiles.All.Select(f => f.Model).Order(StringComparer.Ordinal),
            KieGenCatalog.Models.Select(e => e.Model.ModelId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TaskModels))]
    public void Schema_file_matches_the_reference(string model)
    {
        var reference = ReferenceModels.Get(model);
        var differences = ReferenceComparison.Compare(reference, CatalogFiles.Get(model));
        var quirks = KnownQuirks.Schema.Where(q => q.Key.Model == model).ToDictionary(q => (q.Key.Path, q.Key.Keyword), q => q.Value);

        var unexplained = differences.Where(d => !quirks.ContainsKey((d.Path, d.Keyword))).ToList();
        Assert.True(unexplained.Count == 0, "Catalog and reference disagree:\n" + string.Join("\n", unexplained));

        var stale = quirks.Keys.Where(k => !differences.Any(d => (d.Path, d.Keyword) == k)).ToList();
        Assert.True(stale.Count == 0, "Known quirks that no longer apply: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(TaskModels))]
    public void Compiled_binding_uses_the_unified_job_endpoints(string model)
    {
        var reference = ReferenceModels.Get(model);
        var info = KieGenCatalog.Models[model].Model;

        Assert.Equal(KieApiFamily.Market, info.Family);
        Assert.Equal(reference.GetProperty("endpoint").GetProperty("path").GetString(), info.CreatePath);
        Assert.Equal(reference.GetProperty("statusEndpoint").GetProperty("path").GetString(), info.StatusPath);
        var callback = reference.GetProperty("topLevel").GetProperty("callBackUrl");
        var required = callback.GetProperty("required").GetBoolean();
        if (KnownQuirks.Callbacks.ContainsKey(model))
        {
            // A recorded departure: the reference's requirement is contradicted by Kie's behaviour (and the quirk goes stale when it agrees).
            Assert.True(required, $"{model}: the reference no longer requires the callback: drop the quirk");
            required = false;
        }

        Assert.Equal(("callBackUrl", required), (info.CallbackField, info.CallbackRequired));
        Assert.Equal(KieBodyStyle.Input, info.BodyStyle);
    }
}
