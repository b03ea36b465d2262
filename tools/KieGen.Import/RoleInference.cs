using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KieGen.Import;

/// <summary>
/// Marks <c>x-kie-role</c> on an imported image or audio model's parameters where the name (or, for
/// <c>size</c>/<c>image_size</c>, the enum values) makes the role unambiguous and no other parameter claims it; the
/// same rules as the catalog's tools/kie-catalog/convert.py, so imported and catalog files read alike.
/// </summary>
internal static class RoleInference
{
    private static readonly Dictionary<string, string> ByName = new(StringComparer.Ordinal)
    {
        ["prompt"] = "prompt",
        ["negative_prompt"] = "negative-prompt",
        ["image_urls"] = "image-input",
        ["input_urls"] = "image-input",
        ["image_input"] = "image-input",
        ["image_url"] = "image-input",
        ["image"] = "image-input",
        ["mask_url"] = "mask-input",
        ["aspect_ratio"] = "aspect-ratio",
        ["num_images"] = "count",
        ["n"] = "count",
        ["output_format"] = "output-format",
        ["seed"] = "seed",
        ["text"] = "text",
        ["voice"] = "voice",
        ["audio_url"] = "audio-input",
        ["language_code"] = "language",
        ["dialogue_turns"] = "dialogue",
        ["speakers"] = "speakers",
    };

    private static readonly Regex Ratio = new(@"^(\d+:\d+|auto)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex Pixels = new(@"^(\d+x\d+|auto)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static void Apply(string category, JsonObject input)
    {
        if (category is not ("image" or "audio") || input["properties"] is not JsonObject properties)
        {
            return;
        }

        var claims = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            if (value is not JsonObject schema)
            {
                continue;
            }

            var role = ByName.GetValueOrDefault(name);
            var values = (schema["enum"] as JsonArray)?.Select(v => v?.ToString() ?? "").ToList() ?? [];
            if (name is "size" or "image_size" && values.Count > 0)
            {
                role = values.All(Ratio.IsMatch) ? "aspect-ratio" : values.All(Pixels.IsMatch) ? "size" : role;
            }
            else if (name == "speed" && category == "audio" && (schema["type"] as JsonValue)?.ToString() == "number")
            {
                role = "speed";
            }

            if (role is not null)
            {
                (claims.TryGetValue(role, out var names) ? names : claims[role] = []).Add(name);
            }
        }

        foreach (var (role, names) in claims)
        {
            if (names.Count == 1 && properties[names[0]] is JsonObject schema && !schema.ContainsKey("x-kie-role"))
            {
                schema["x-kie-role"] = role;
            }
        }
    }
}
