using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary><c>default</c>: a documented default must itself satisfy the schema.</summary>
internal sealed partial class SchemaParser
{
    private void CheckDefault(JsonNode value, SchemaNode node, JsonNode? enumNode)
    {
        string? problem = null;
        if (!MatchesKind(value, node.Kind == NodeKind.Object ? NodeKind.Json : node.Kind) ||
            (node.Kind == NodeKind.Object && value.Kind != JsonKind.Object))
        {
            problem = "it is not " + KindText(node.Kind);
        }
        else if (enumNode is not null && enumNode.Kind == JsonKind.Array &&
                 enumNode.Items.All(i => JsonText.CanonicalKey(i) != JsonText.CanonicalKey(value)))
        {
            problem = "it is not one of the enum values";
        }
        else if (value.Kind == JsonKind.String)
        {
            var length = CodePoints(value.Text);
            if (node.MinLength is { } min && length < min)
            {
                problem = "it is shorter than minLength " + min;
            }
            else if (node.MaxLength is { } max && length > max)
            {
                problem = "it is longer than maxLength " + max;
            }
        }
        else if (value.Kind == JsonKind.Number)
        {
            var number = decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact : (decimal?)null;
            if (node.Minimum is { } min && number < min)
            {
                problem = "it is below minimum " + min.ToString(CultureInfo.InvariantCulture);
            }
            else if (node.Maximum is { } max && number > max)
            {
                problem = "it is above maximum " + max.ToString(CultureInfo.InvariantCulture);
            }
            else if (node.ExclusiveMinimum is { } xmin && number <= xmin)
            {
                problem = "it is not above exclusiveMinimum " + xmin.ToString(CultureInfo.InvariantCulture);
            }
            else if (node.ExclusiveMaximum is { } xmax && number >= xmax)
            {
                problem = "it is not below exclusiveMaximum " + xmax.ToString(CultureInfo.InvariantCulture);
            }
        }
        else if (value.Kind == JsonKind.Array)
        {
            if (node.MinItems is { } min && value.Items.Count < min)
            {
                problem = "it has fewer than minItems " + min + " items";
            }
            else if (node.MaxItems is { } max && value.Items.Count > max)
            {
                problem = "it has more than maxItems " + max + " items";
            }
        }

        if (problem is not null)
        {
            Report(KieDiagnostics.InvalidDefault, value, JsonText.Write(value), problem);
        }
    }

    /// <summary>Length in Unicode code points, as JSON Schema measures strings.</summary>
    private static int CodePoints(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }
}
