using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>The file members beside <c>input</c>: <c>deprecated</c> and <c>topLevel</c>.</summary>
internal sealed partial class SchemaParser
{
    private static readonly string[] DeprecatedMembers = { "reason", "replacedBy", "status" };
    private static readonly string[] TopLevelMembers = { "$comment", "description", "properties", "required" };

    /// <summary>Reads <c>"deprecated": {"reason": text, "replacedBy": model id, "status": word}</c>; null when absent or broken.</summary>
    private DeprecationSpec? ParseDeprecated(JsonNode root, string modelId)
    {
        var member = root.Find("deprecated");
        if (member is null)
        {
            return null;
        }

        var json = member.Value;
        if (!RequireKind(json, JsonKind.Object, "deprecated", "an object {\"reason\": text, \"replacedBy\": model id, \"status\": \"deprecated\" | \"retired\" | \"discontinued\"}"))
        {
            return null;
        }

        foreach (var m in json.Members.Where(m => !DeprecatedMembers.Contains(m.Name)))
        {
            ReportUnknown(m, DeprecatedMembers);
        }

        var reason = OptionalString(json, "reason");
        if (json.Find("reason") is null)
        {
            Report(KieDiagnostics.MissingField, json.Start, json.Start + 1, "deprecated.reason", "why the model is deprecated (shown in the [Obsolete] message)");
        }

        var replacedBy = OptionalString(json, "replacedBy");
        if (replacedBy is not null && (replacedBy.Trim().Length == 0 || replacedBy == modelId))
        {
            Report(KieDiagnostics.InvalidValue, json.Find("replacedBy")!.Value, "deprecated.replacedBy", JsonText.Quote(replacedBy),
                replacedBy == modelId ? "a model cannot replace itself" : "name the replacing model id, or leave 'replacedBy' out");
            return null;
        }

        var status = ParseDeprecationStatus(json, "deprecated.status");
        return reason is null || status is not { } known ? null : new DeprecationSpec(reason, replacedBy, null) { Status = known };
    }

    /// <summary>
    /// The optional <c>status</c> of a <c>deprecated</c> marker: <c>deprecated</c> (the default), <c>retired</c> or
    /// <c>discontinued</c>; null (reported) when it is something else.
    /// </summary>
    private DeprecationStatus? ParseDeprecationStatus(JsonNode marker, string keyword)
    {
        var member = marker.Find("status");
        if (member is null)
        {
            return DeprecationStatus.Deprecated;
        }

        if (member.Value.Kind == JsonKind.String && Keywords.DeprecationStatuses.Find(member.Value.Text) is { } status)
        {
            return status;
        }

        Report(KieDiagnostics.InvalidValue, member.Value, keyword, JsonText.Write(member.Value),
            "say how far along it is: " + string.Join(", ", Keywords.DeprecationStatuses.Words.Select(JsonText.Quote)));
        return null;
    }

    /// <summary>
    /// Reads <c>"topLevel": {"properties": {...}, "required": [...]}</c>: typed body fields beside <c>model</c>,
    /// the callback field and <c>input</c>. Their C# names share the request type with the parameters.
    /// </summary>
    private SchemaNode? ParseTopLevel(JsonNode root, BodyStyle? bodyStyle, string callbackField, string typeBase, string typeName, SchemaNode input)
    {
        var member = root.Find("topLevel");
        if (member is null)
        {
            return null;
        }

        var json = member.Value;
        if (!RequireKind(json, JsonKind.Object, "topLevel", "an object {\"properties\": {...}, \"required\": [...]}"))
        {
            return null;
        }

        if (bodyStyle != BodyStyle.Input)
        {
            Report(KieDiagnostics.InvalidValue, member.NameStart, member.NameEnd, "topLevel", "(with bodyStyle \"flat\")",
                "a flat body has no 'input' object, so every field is already at the top level; declare them in 'input'");
            return null;
        }

        foreach (var m in json.Members.Where(m => !TopLevelMembers.Contains(m.Name)))
        {
            ReportUnknown(m, TopLevelMembers);
        }

        OptionalString(json, "$comment");
        OptionalString(json, "description");
        var propertiesMember = json.Find("properties");
        if (propertiesMember is null)
        {
            Report(KieDiagnostics.MissingField, json, "topLevel.properties", "the top-level body fields as JSON Schema properties");
            return null;
        }

        if (!RequireKind(propertiesMember.Value, JsonKind.Object, "topLevel.properties", "an object mapping field names to schemas"))
        {
            return null;
        }

        var errorsBefore = _diagnostics.Count;
        var properties = ParseProperties(propertiesMember.Value, typeBase, typeName);
        var required = ParseRequired(json, properties);
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in input.Properties)
        {
            taken[parameter.CSharpName] = "the parameter '" + parameter.WireName + "'";
        }

        if (input.AdditionalAllowed)
        {
            taken["AdditionalProperties"] = "the parameters' AdditionalProperties";
        }

        var reservedWire = new[] { "model", "input", callbackField };
        foreach (var property in properties)
        {
            var nameMember = propertiesMember.Value.Find(property.WireName)!;
            if (reservedWire.Contains(property.WireName))
            {
                Report(KieDiagnostics.TopLevelCollision, nameMember.NameStart, nameMember.NameEnd, property.WireName,
                    property.WireName == callbackField ? "the callback URL field, which the client writes itself" : "a member every input-style body already has");
            }
            else if (taken.TryGetValue(property.CSharpName, out var other))
            {
                Report(KieDiagnostics.NameCollision, nameMember.NameStart, nameMember.NameEnd,
                    "The top-level field '" + property.WireName + "' and " + other + " both become the C# property '" + property.CSharpName + "'");
            }
        }

        if (_diagnostics.Count != errorsBefore)
        {
            return null;
        }

        var withRequired = properties.Select(p => p with { Required = required.Contains(p.WireName) }).ToEquatableArray();
        return AnyNode(NextId()) with { Kind = NodeKind.Object, Properties = withRequired, AdditionalAllowed = false, ClassName = typeName };
    }
}
