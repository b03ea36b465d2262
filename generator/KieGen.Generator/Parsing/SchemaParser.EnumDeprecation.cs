using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>
/// <c>"x-enumDeprecated": {"V4": {"reason": text, "replacedBy": "V6", "status": "discontinued"}}</c>: enum values
/// that are still allowed (Kie may accept them) but no longer offered. Each becomes an <c>[Obsolete]</c> enum member
/// and a validation warning, never an error.
/// </summary>
internal sealed partial class SchemaParser
{
    private const string EnumDeprecatedKeyword = "x-enumDeprecated";
    private static readonly string[] EnumDeprecationMembers = { "reason", "replacedBy", "status" };

    /// <summary>The enum members with their <c>x-enumDeprecated</c> markers; unchanged when the keyword is absent or broken.</summary>
    private List<EnumMember> ApplyEnumDeprecations(JsonNode json, List<EnumMember> members, NodeKind kind)
    {
        var member = json.Find(EnumDeprecatedKeyword);
        if (member is null)
        {
            return members;
        }

        if (member.Value.Kind != JsonKind.Object)
        {
            Report(KieDiagnostics.InvalidEnumDeprecation, member.Value,
                "must be an object mapping enum values to {\"reason\": text, \"replacedBy\": value, \"status\": \"deprecated\" | \"retired\" | \"discontinued\"}");
            return members;
        }

        if (kind != NodeKind.String && kind != NodeKind.Integer)
        {
            Report(KieDiagnostics.InvalidEnumDeprecation, member.NameStart, member.NameEnd,
                "marks values of a string or integer enum; this schema's values are " + KindText(kind));
            return members;
        }

        var byDisplay = members.ToDictionary(m => m.Display, m => m);
        var markers = new Dictionary<string, (DeprecationSpec Marker, JsonMember Entry)>();
        foreach (var entry in member.Value.Members)
        {
            if (!byDisplay.ContainsKey(entry.Name))
            {
                var suggestion = Keywords.Suggest(entry.Name, byDisplay.Keys);
                Report(KieDiagnostics.InvalidEnumDeprecation, entry.NameStart, entry.NameEnd,
                    "marks " + JsonText.Quote(entry.Name) + ", which is not one of the enum values" +
                    (suggestion is null ? "" : " (did you mean " + JsonText.Quote(suggestion) + "?)"));
                continue;
            }

            if (ParseEnumDeprecation(entry) is { } marker)
            {
                markers[entry.Name] = (marker, entry);
            }
        }

        foreach (var pair in markers)
        {
            var replacedBy = pair.Value.Marker.ReplacedBy;
            if (replacedBy is null)
            {
                continue;
            }

            var problem = !byDisplay.ContainsKey(replacedBy) ? "is not one of the enum values"
                : replacedBy == pair.Key ? "is the value itself; a value cannot replace itself"
                : markers.ContainsKey(replacedBy) ? "is marked too; name a value that is still offered"
                : null;
            if (problem is not null)
            {
                Report(KieDiagnostics.InvalidEnumDeprecation, pair.Value.Entry.Value.Find("replacedBy")!.Value,
                    "for " + JsonText.Quote(pair.Key) + ": 'replacedBy' " + JsonText.Quote(replacedBy) + " " + problem);
            }
        }

        // The replacement as JSON shows it, and its C# member, qualified once the enum's type name is known (ParseSchema).
        return members.Select(m => markers.TryGetValue(m.Display, out var marker)
            ? m with { Deprecation = marker.Marker.ReplacedBy is { } by && byDisplay.TryGetValue(by, out var replacement)
                ? marker.Marker with { ReplacedBy = replacement.Shown, ReplacementType = replacement.CSharpName }
                : marker.Marker }
            : m).ToList();
    }

    /// <summary>One value's marker: a non-empty <c>reason</c>, an optional <c>replacedBy</c> value and <c>status</c>.</summary>
    private DeprecationSpec? ParseEnumDeprecation(JsonMember entry)
    {
        var value = entry.Value;
        var quoted = JsonText.Quote(entry.Name);
        if (value.Kind != JsonKind.Object)
        {
            Report(KieDiagnostics.InvalidEnumDeprecation, value,
                "for " + quoted + " must be an object {\"reason\": text, \"replacedBy\": value, \"status\": word}, not " + JsonText.Write(value));
            return null;
        }

        var valid = true;
        foreach (var unknown in value.Members.Where(m => !EnumDeprecationMembers.Contains(m.Name)))
        {
            var suggestion = Keywords.Suggest(unknown.Name, EnumDeprecationMembers);
            Report(KieDiagnostics.InvalidEnumDeprecation, unknown.NameStart, unknown.NameEnd,
                "for " + quoted + " has the unknown member '" + unknown.Name + "'" + (suggestion is null ? "" : " (did you mean '" + suggestion + "'?)") +
                "; use reason, replacedBy, status");
            valid = false;
        }

        var reason = value.Find("reason");
        if (reason is null || reason.Value.Kind != JsonKind.String || reason.Value.Text.Trim().Length == 0)
        {
            Report(KieDiagnostics.InvalidEnumDeprecation, reason?.Value ?? value,
                "for " + quoted + " needs a 'reason': a non-empty string saying why (it is shown in the [Obsolete] message and the validation warning)" +
                (reason is null ? "" : ", not " + JsonText.Write(reason.Value)));
            valid = false;
        }

        string? replacedBy = null;
        if (value.Find("replacedBy") is { } by)
        {
            if (by.Value.Kind == JsonKind.String || (by.Value.Kind == JsonKind.Number && JsonNumbers.TryToInt64(by.Value.Text, out _)))
            {
                replacedBy = by.Value.Kind == JsonKind.String ? by.Value.Text : CanonicalInteger(by.Value.Text);
            }
            else
            {
                Report(KieDiagnostics.InvalidEnumDeprecation, by.Value,
                    "for " + quoted + ": 'replacedBy' must be the enum value to use instead, not " + JsonText.Write(by.Value));
                valid = false;
            }
        }

        var status = DeprecationStatus.Deprecated;
        if (value.Find("status") is { } statusMember)
        {
            if (statusMember.Value.Kind == JsonKind.String && Keywords.DeprecationStatuses.Find(statusMember.Value.Text) is { } named)
            {
                status = named;
            }
            else
            {
                Report(KieDiagnostics.InvalidEnumDeprecation, statusMember.Value,
                    "for " + quoted + ": 'status' must be one of " + string.Join(", ", Keywords.DeprecationStatuses.Words.Select(JsonText.Quote)) +
                    ", not " + JsonText.Write(statusMember.Value));
                valid = false;
            }
        }

        return valid ? new DeprecationSpec(reason!.Value.Text, replacedBy, null) { Status = status } : null;
    }

    private static string CanonicalInteger(string text) =>
        JsonNumbers.TryToInt64(text, out var number) ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : text;
}
