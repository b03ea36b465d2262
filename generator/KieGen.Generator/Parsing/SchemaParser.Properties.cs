using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary><c>properties</c> and <c>required</c>: wire names kept exactly, C# names derived or overridden.</summary>
internal sealed partial class SchemaParser
{
    /// <summary>Members every generated type has; a derived property name that matches one gets a <c>Value</c> suffix.</summary>
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "KieModel", "ModelInfo", "Validate", "WriteProperties", "TryParse", "CreateBuilder", "Builder",
        "AdditionalProperties", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
        "ReferenceEquals", "TryParseBody", "WriteTopLevelProperties",
    };

    private List<PropertySpec> ParseProperties(JsonNode properties, string typeBase, string? rootClassName)
    {
        var result = new List<PropertySpec>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in properties.Members)
        {
            var overrideName = member.Value.Kind == JsonKind.Object ? OptionalString(member.Value, "x-csharpName") : null;
            var derived = CSharpNames.Pascal(member.Name, "V");
            var name = overrideName ?? derived;
            if (overrideName is not null && !CSharpNames.IsValidIdentifier(overrideName))
            {
                Report(KieDiagnostics.InvalidValue, member.Value.Find("x-csharpName")!.Value, "x-csharpName", JsonText.Quote(overrideName), "it must be a C# identifier");
                continue;
            }

            if (overrideName is null && (ReservedMembers.Contains(name) || name == rootClassName))
            {
                name += "Value"; // keeps generated members (Validate, Builder, ...) and the type name free
            }

            if (names.TryGetValue(name, out var other))
            {
                Report(KieDiagnostics.NameCollision, member.NameStart, member.NameEnd,
                    "Parameters '" + other + "' and '" + member.Name + "' both become the C# property '" + name + "'");
                continue;
            }

            names.Add(name, member.Name);
            var schema = ParseSchema(member.Value, typeBase + name);
            if (schema is not null)
            {
                result.Add(new PropertySpec(member.Name, name, false, schema));
            }
        }

        return result;
    }

    private HashSet<string> ParseRequired(JsonNode json, List<PropertySpec>? declared)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var member = json.Find("required");
        if (member is null)
        {
            return result;
        }

        if (member.Value.Kind != JsonKind.Array || member.Value.Items.Any(i => i.Kind != JsonKind.String))
        {
            Report(KieDiagnostics.WrongKeywordType, member.Value, "required", "an array of property names");
            return result;
        }

        foreach (var item in member.Value.Items)
        {
            if (!result.Add(item.Text))
            {
                Report(KieDiagnostics.InvalidValue, item, "required", JsonText.Quote(item.Text), "it is listed more than once");
            }
            else if (declared is not null && declared.All(p => p.WireName != item.Text) &&
                     json.Find("properties")?.Value.Find(item.Text) is null)
            {
                Report(KieDiagnostics.UndeclaredRequired, item, item.Text);
            }
        }

        return result;
    }
}
