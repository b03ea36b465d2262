using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>
/// <c>"x-kie-advisory": {"maxLength": "reason", ...}</c>: keywords of the same schema whose violation is only a warning
/// (a documented limit Kie's accepted traffic contradicts, or that nothing confirms), each with its reason.
/// <c>"required": "reason"</c> makes every required member advisory; <c>"required": {"member": "reason"}</c> some.
/// </summary>
internal sealed partial class SchemaParser
{
    private static bool IsAdvisory(JsonNode json, string keyword) =>
        json.Find("x-kie-advisory")?.Value is { Kind: JsonKind.Object } advisory && advisory.Find(keyword) is not null;

    /// <summary>
    /// Reads the schema's <c>x-kie-advisory</c> into <see cref="SchemaNode.Advisories"/>. An advisory required member
    /// becomes optional in C# (Kie accepts the request without it, so the typed API must too); its absence is still
    /// reported, as a warning.
    /// </summary>
    private SchemaNode ApplyAdvisory(JsonNode json, SchemaNode node, HashSet<string> required)
    {
        var member = json.Find("x-kie-advisory");
        if (member is null)
        {
            return node;
        }

        if (member.Value.Kind != JsonKind.Object)
        {
            Report(KieDiagnostics.InvalidAdvisory, member.Value, "must be an object mapping keywords of this schema to the reason each is only advisory, for example {\"maxLength\": \"accepted up to 3000 in 2026-03\"}");
            return node;
        }

        var advisories = new List<Advisory>();
        foreach (var entry in member.Value.Members)
        {
            if (!Keywords.AdvisoryKeywords.Contains(entry.Name))
            {
                var suggestion = Keywords.Suggest(entry.Name, Keywords.AdvisoryKeywords);
                Report(KieDiagnostics.InvalidAdvisory, entry.NameStart, entry.NameEnd,
                    "names '" + entry.Name + "', which cannot be advisory" + (suggestion is null ? "" : " (did you mean '" + suggestion + "'?)") +
                    "; use one of " + string.Join(", ", Keywords.AdvisoryKeywords));
                continue;
            }

            if (json.Find(entry.Name) is null)
            {
                Report(KieDiagnostics.InvalidAdvisory, entry.NameStart, entry.NameEnd,
                    "names '" + entry.Name + "', which this schema does not have; an advisory keyword must be on the same schema");
                continue;
            }

            if (entry.Name == "required" && entry.Value.Kind == JsonKind.Object)
            {
                foreach (var item in entry.Value.Members)
                {
                    if (!required.Contains(item.Name))
                    {
                        Report(KieDiagnostics.InvalidAdvisory, item.NameStart, item.NameEnd,
                            "names the member '" + item.Name + "', which 'required' does not list");
                    }
                    else if (Reason(item) is { } memberReason)
                    {
                        advisories.Add(new Advisory("required", memberReason, item.Name));
                    }
                }

                continue;
            }

            if (Reason(entry) is not { } reason)
            {
                continue;
            }

            if (entry.Name == "required")
            {
                advisories.AddRange(required.Select(name => new Advisory("required", reason, name)));
            }
            else
            {
                advisories.Add(new Advisory(entry.Name, reason, null));
            }
        }

        // Required members in schema order, so the emitted table is stable.
        var ordered = advisories.Where(a => a.Member is null)
            .Concat(OrderedRequired(json).SelectMany(name => advisories.Where(a => a.Member == name)))
            .ToEquatableArray();
        var advisoryMembers = new HashSet<string>(ordered.Where(a => a.Member is not null).Select(a => a.Member!));
        return node with
        {
            Advisories = ordered,
            Properties = node.Properties.Select(p => p.Required && advisoryMembers.Contains(p.WireName) ? p with { Required = false } : p).ToEquatableArray(),
        };
    }

    private static IEnumerable<string> OrderedRequired(JsonNode json) =>
        json.Find("required")?.Value is { Kind: JsonKind.Array } list
            ? list.Items.Where(i => i.Kind == JsonKind.String).Select(i => i.Text).Distinct()
            : Enumerable.Empty<string>();

    /// <summary>The entry's reason, or null after reporting a value that is not a non-empty string.</summary>
    private string? Reason(JsonMember entry)
    {
        if (entry.Value.Kind != JsonKind.String)
        {
            Report(KieDiagnostics.InvalidAdvisory, entry.Value,
                "gives '" + entry.Name + "' a " + JsonText.Write(entry.Value) + "; the value must be a string saying why the limit is only advisory" +
                (entry.Name == "required" ? " (or, for 'required', an object mapping required members to reasons)" : ""));
            return null;
        }

        if (entry.Value.Text.Trim().Length == 0)
        {
            Report(KieDiagnostics.InvalidAdvisory, entry.Value,
                "gives '" + entry.Name + "' an empty reason; say why the limit is only advisory (the evidence: what Kie accepted, when)");
            return null;
        }

        return entry.Value.Text;
    }
}
