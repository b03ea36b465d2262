using System.Text.RegularExpressions;
using KieGen.Catalog.Tests.Infrastructure;

namespace KieGen.Catalog.Tests;

/// <summary>
/// Classes of catalog bug found by replaying Kie's recorded traffic (issue 24), checked over every schema file so that a
/// re-conversion from a newer reference cannot bring them back: a parameter whose own description makes its requirement
/// conditional is not required unconditionally (that blocks bodies Kie accepts; the condition waits for the format's
/// conditional keywords), and a parameter whose description says Kie takes a string is not typed as a number.
/// </summary>
public partial class CatalogClassTests
{
    /// <summary>"Required when ...", "Only available and required in ...", "this parameter is optional" said of the parameter itself.</summary>
    [GeneratedRegex(@"(?:^|[.:\-]\s+)(?:only available and )?required (?:when|if|in)\b|\bthis parameter is optional\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionalRequirement();

    /// <summary>"sends the string ...", "the string form is used", "accepted the string ...".</summary>
    [GeneratedRegex(@"\b(?:sends?|accepted|accepts) (?:the |a )?string\b|\bstring form\b", RegexOptions.IgnoreCase)]
    private static partial Regex SentAsString();

    [Fact]
    public void No_parameter_is_required_unconditionally_where_its_description_makes_it_conditional()
    {
        var offenders = Parameters()
            .Where(p => p.Required && ConditionalRequirement().IsMatch(p.Description))
            .Select(p => $"{p.Model}: {p.Path} is required, but its description says: {p.Description}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void No_parameter_is_typed_as_a_number_where_its_description_says_Kie_takes_a_string()
    {
        var offenders = Parameters()
            .Where(p => p.Type is "integer" or "number" && SentAsString().IsMatch(p.Description))
            .Select(p => $"{p.Model}: {p.Path} is typed {p.Type}, but its description says: {p.Description}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    private static IEnumerable<Parameter> Parameters()
    {
        foreach (var file in CatalogFiles.All)
        {
            foreach (var parameter in Walk(file.Model, "", file.Input))
            {
                yield return parameter;
            }
        }
    }

    private static IEnumerable<Parameter> Walk(string model, string prefix, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
        foreach (var property in properties.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            var value = property.Value;
            var path = prefix + property.Name;
            yield return new Parameter(
                model,
                path,
                required.Contains(property.Name),
                value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
                value.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "");
            foreach (var nested in Walk(model, path + ".", value))
            {
                yield return nested;
            }

            if (value.TryGetProperty("items", out var items))
            {
                foreach (var nested in Walk(model, path + "[].", items))
                {
                    yield return nested;
                }
            }
        }
    }

    private sealed record Parameter(string Model, string Path, bool Required, string? Type, string Description);
}
