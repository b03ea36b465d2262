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
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
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
                result.Add(new PropertySpec(member.Name, name, false, schema) { Role = ParseRole(member, roles) });
            }
        }

        return result;
    }

    /// <summary>Reads <c>x-kie-role</c>: a known role, held by no other parameter of the same object.</summary>
    private string? ParseRole(JsonMember property, Dictionary<string, string> roles)
    {
        var member = property.Value.Kind == JsonKind.Object ? property.Value.Find("x-kie-role") : null;
        if (member is null)
        {
            return null;
        }

        var value = member.Value;
        if (!RequireKind(value, JsonKind.String, "x-kie-role", "a string naming the parameter's role"))
        {
            return null;
        }

        if (Array.IndexOf(Keywords.Roles, value.Text) < 0)
        {
            var suggestion = Keywords.Suggest(value.Text, Keywords.Roles);
            Report(KieDiagnostics.UnknownRole, value, JsonText.Write(value), suggestion is null ? "" : " (did you mean '" + suggestion + "'?)",
                string.Join(", ", Keywords.Roles));
            return null;
        }

        if (roles.TryGetValue(value.Text, out var holder))
        {
            Report(KieDiagnostics.DuplicateRole, value, value.Text, property.Name, holder);
            return null;
        }

        roles.Add(value.Text, property.Name);
        return value.Text;
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
            WrongType(member.Value, "required", "an array of property names");
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
