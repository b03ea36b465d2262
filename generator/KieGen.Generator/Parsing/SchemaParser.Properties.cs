using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;
using KieGen.Generator.Naming;

namespace KieGen.Generator.Parsing;

/// <summary><c>properties</c> and <c>required</c>: wire names kept exactly, C# names derived or overridden.</summary>
internal sealed partial class SchemaParser
{
    private List<PropertySpec> ParseProperties(JsonNode properties, string typeBase, string? className)
    {
        var result = new List<PropertySpec>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var wireNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in properties.Members)
        {
            if (!wireNames.Add(member.Name))
            {
                continue; // KIE017 already names the duplicate
            }

            if (HasLoneSurrogate(member.Name))
            {
                Report(KieDiagnostics.InvalidValue, member.NameStart, member.NameEnd, "properties", JsonText.Quote(member.Name),
                    "a parameter name must be valid Unicode text (it has a lone UTF-16 surrogate)");
                continue;
            }

            var overrideMember = member.Value.Kind == JsonKind.Object ? member.Value.Find("x-csharpName") : null;
            var overrideName = overrideMember is null ? null : OptionalString(member.Value, "x-csharpName");
            string name;
            if (overrideName is not null)
            {
                name = CSharpNames.WithoutFormattingCharacters(overrideName);
                if (!CSharpNames.IsValidIdentifier(name))
                {
                    Report(KieDiagnostics.InvalidValue, overrideMember!.Value, "x-csharpName", JsonText.Quote(overrideName), "it must be a C# identifier");
                    continue;
                }

                if (NameRules.ReservedMembers.Contains(name) || name == className)
                {
                    Report(KieDiagnostics.NameCollision, overrideMember!.Value,
                        "'x-csharpName' " + JsonText.Quote(overrideName) + " of '" + member.Name + "' is " +
                        (name == className ? "the name of its own type" : "a member every generated type has"));
                    continue;
                }
            }
            else
            {
                name = CSharpNames.Pascal(member.Name, "V");
                if (NameRules.ReservedMembers.Contains(name) || name == className)
                {
                    name += "Value"; // keeps generated members (Validate, Builder, ...) and the type name free
                }
            }

            if (names.TryGetValue(name, out var other))
            {
                Report(KieDiagnostics.NameCollision, member.NameStart, member.NameEnd,
                    "Parameters '" + other + "' and '" + member.Name + "' both become the C# property '" + name + "'");
                continue;
            }

            names.Add(name, member.Name);
            var schema = ParseSchema(member.Value, member.Name, typeBase + name);
            if (schema is not null)
            {
                result.Add(new PropertySpec(member.Name, name, false, schema));
            }
        }

        return result;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
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
