using System.Reflection;
using System.Text.Json;
using KieGen.Catalog.Tests.Infrastructure;
using KieGen.Models;
using KieGen.Requests;

namespace KieGen.Catalog.Tests;

/// <summary>
/// The values the reference lists as discontinued (Suno's V4..V5_5, still in Kie's enums, labelled "(Discontinued)")
/// are [Obsolete] members of the compiled catalog's enums, whose message says they are discontinued and names the
/// live replacement, and stay valid: Kie may still accept them.
/// </summary>
public class DiscontinuedValueTests
{
    private static readonly JsonElement Discontinued = Assert.Single(ReferenceModels.DiscontinuedValues);

    private static HashSet<string> Values(string member) => Discontinued.GetProperty(member).EnumerateArray().Select(v => v.GetString()!).ToHashSet();

    /// <summary>Every current ai-music-api model whose <c>model</c> input lists a discontinued value (the reference's scope).</summary>
    public static TheoryData<string> SunoModels() => new(SunoModelIds());

    private static IEnumerable<string> SunoModelIds() => KieGenCatalog.Models
        .Select(e => e.Model.ModelId)
        .Where(id => id.StartsWith("ai-music-api/", StringComparison.Ordinal))
        .Where(id => ModelEnum(id) is { } type && WireValues(type).Keys.Any(Values("values").Contains))
        .Order(StringComparer.Ordinal);

    [Fact]
    public void The_scope_holds_the_nine_Suno_models_with_a_version_input()
    {
        Assert.Equal(
            new[]
            {
                "ai-music-api/add-instrumental", "ai-music-api/add-vocals", "ai-music-api/extend", "ai-music-api/generate", "ai-music-api/mashup",
                "ai-music-api/replace-section", "ai-music-api/sounds", "ai-music-api/upload-and-cover-audio", "ai-music-api/upload-and-extend-audio",
            },
            SunoModelIds());
    }

    [Theory]
    [MemberData(nameof(SunoModels))]
    public void Discontinued_Suno_versions_are_obsolete_members_naming_the_live_replacement(string model)
    {
        var type = ModelEnum(model)!;
        var discontinued = Values("values");
        foreach (var (wire, field) in WireValues(type))
        {
            var obsolete = field.GetCustomAttribute<ObsoleteAttribute>();
            if (!discontinued.Contains(wire))
            {
                Assert.True(obsolete is null, $"{model}: {wire} is live but marked obsolete");
                continue;
            }

            Assert.NotNull(obsolete);
            Assert.False(obsolete.IsError);
            Assert.StartsWith($"The value \"{wire}\" is discontinued: Kie's docs label it \"(Discontinued)\" as of October 2026", obsolete.Message, StringComparison.Ordinal);
            Assert.EndsWith($"Use \"V6\" ({type.Name}.V6).", obsolete.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_discontinued_version_is_a_warning_and_the_request_still_builds()
    {
        using var body = JsonDocument.Parse("""{"custom_mode": false, "instrumental": false, "model": "V5", "prompt": "a calm piano piece"}""");
        var entry = KieGenCatalog.Models["ai-music-api/generate"];
        Assert.True(entry.TryParse(body.RootElement, out var request, out var findings), string.Join("\n", findings));

        var warning = Assert.Single(request!.Validate(), f => f.Path == "model");
        Assert.Equal((KieGen.Validation.KieValidationSeverity.Warning, "deprecated", "\"V5\" is discontinued; use \"V6\""), (warning.Severity, warning.Keyword, warning.Message));
        Assert.StartsWith("Kie's docs label it \"(Discontinued)\"", warning.Reason, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.Path == "model" && !f.IsError);
    }

    /// <summary>The C# enum of the model's <c>model</c> input, or null.</summary>
    private static Type? ModelEnum(string model)
    {
        var property = KieGenCatalog.Models[model].RequestType.GetProperties()
            .SingleOrDefault(p => p.GetCustomAttribute<KieParameterAttribute>()?.WireName == "model");
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type is { IsEnum: true } ? type : null;
    }

    private static Dictionary<string, FieldInfo> WireValues(Type enumType) => enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => f.GetCustomAttribute<KieEnumValueAttribute>()!.WireValue, f => f);
}
