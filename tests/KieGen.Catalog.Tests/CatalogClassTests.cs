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

    /// <summary>
    /// A pattern that spans the whole value with <c>.</c> (<c>^.*\S.*$</c>) refuses every value with a line break, which
    /// no Kie page states; prompts are often several lines (the recorded traffic has some).
    /// </summary>
    [Fact]
    public void No_pattern_refuses_line_breaks_by_spanning_the_value_with_a_dot()
    {
        var offenders = Patterns(CatalogFiles.All.SelectMany(f => Flatten(f.Input).Select(p => (f.Model, p))))
            .Where(x => x.Pattern.StartsWith('^') && x.Pattern.EndsWith('$') && x.Pattern.Contains(".*", StringComparison.Ordinal))
            .Select(x => $"{x.Model}: {x.Pattern}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void Kling_omni_image_to_video_takes_a_prompt_of_several_lines_and_refuses_a_blank_one()
    {
        var entry = KieGen.Models.KieGenCatalog.Models["kling-3.0-omni/image-to-video"];
        using var lines = JsonDocument.Parse("""{"prompt":"A fox in the snow.\nIt looks at the camera.","image_urls":["https://example.com/a.png"]}""");
        Assert.True(entry.TryParse(lines.RootElement, out _, out var errors), string.Join("\n", errors));
        using var blank = JsonDocument.Parse("""{"prompt":" \n\t ","image_urls":["https://example.com/a.png"]}""");
        Assert.False(entry.TryParse(blank.RootElement, out _, out errors));
        Assert.Contains(errors, e => e.Path == "prompt" && e.Keyword == "pattern");
    }

    private static IEnumerable<(string Model, string Pattern)> Patterns(IEnumerable<(string Model, JsonElement Schema)> schemas) =>
        schemas.Where(x => x.Schema.TryGetProperty("pattern", out _)).Select(x => (x.Model, x.Schema.GetProperty("pattern").GetString()!));

    /// <summary>Every object schema under a schema (properties, items, branches), the schema itself first.</summary>
    private static IEnumerable<JsonElement> Flatten(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        yield return schema;
        foreach (var member in schema.EnumerateObject())
        {
            var children = member.Name switch
            {
                "properties" or "$defs" or "definitions" when member.Value.ValueKind == JsonValueKind.Object => member.Value.EnumerateObject().Select(p => p.Value),
                "items" => [member.Value],
                "oneOf" or "anyOf" or "allOf" when member.Value.ValueKind == JsonValueKind.Array => member.Value.EnumerateArray(),
                _ => [],
            };
            foreach (var child in children.SelectMany(Flatten))
            {
                yield return child;
            }
        }
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
