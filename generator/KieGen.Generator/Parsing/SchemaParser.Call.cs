using System;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;
using KieGen.Generator.Naming;

namespace KieGen.Generator.Parsing;

/// <summary>
/// Synchronous endpoints: <c>"endpoint": {"call": path}</c> and the optional <c>output</c>, the schema of Kie's
/// <c>data</c> answer. Such a request is posted to its path with the parameters at the top level and answered at
/// once: no task to create or poll, no callback.
/// </summary>
internal sealed partial class SchemaParser
{
    /// <summary>Reads <c>endpoint.call</c>; a <c>create</c> or <c>status</c> beside it is KIE040.</summary>
    private string? ParseCallPath(JsonNode endpoint)
    {
        foreach (var name in new[] { "create", "status" })
        {
            if (endpoint.Find(name) is { } beside)
            {
                Report(KieDiagnostics.InvalidCall, beside.NameStart, beside.NameEnd, "endpoint." + name,
                    "is set beside 'call': a synchronous endpoint is answered at once and has no task to create or poll; keep 'call' alone, or remove it for a task-creating model");
            }
        }

        var path = OptionalString(endpoint, "call");
        if (path is not null && !IsEndpointPath(path))
        {
            Report(KieDiagnostics.InvalidCall, endpoint.Find("call")!.Value, "endpoint.call",
                "has the value " + JsonText.Quote(path) + "; a path of the Kie address was expected, starting with '/', without a query or spaces (e.g. \"/api/v1/omni/audio/create\")");
        }

        return path;
    }

    private static bool IsEndpointPath(string path) =>
        path.Length > 1 && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && path.All(c => c > ' ' && c < 0x7f && c != '?' && c != '#' && c != '\\');

    /// <summary>
    /// A synchronous call takes no callback and its body is flat: a <c>callback</c> member or <c>bodyStyle: input</c>
    /// is KIE040. Returns the callback binding of a call: none.
    /// </summary>
    private (string Field, bool Required) CheckCallMembers(JsonNode root, BodyStyle? bodyStyle)
    {
        if (root.Find("callback") is { } callback)
        {
            Report(KieDiagnostics.InvalidCall, callback.NameStart, callback.NameEnd, "callback",
                "is set, but a synchronous call ('endpoint.call') is answered at once and takes no callback URL; remove it");
        }

        if (bodyStyle == BodyStyle.Input)
        {
            Report(KieDiagnostics.InvalidCall, root.Find("bodyStyle")!.Value, "bodyStyle",
                "is \"input\", but a synchronous call's body is its parameters at the top level (no model, no input object); remove it or write \"flat\"");
        }

        return ("", false);
    }

    /// <summary>The result class's name, taken before any nested class when the file has an <c>output</c>.</summary>
    private string? ReserveResultName(JsonNode root, string typeBase)
    {
        if (root.Find("output") is not { } output)
        {
            return null;
        }

        var name = typeBase + "Result";
        if (!_typeNames.Add(name))
        {
            return null; // the request's own names never end in Result; a csharpName could only make it collide with itself
        }

        _declared.Add(new DeclaredType(name, Span(output.NameStart, output.NameEnd)));
        return name;
    }

    /// <summary>
    /// Reads <c>output</c>: an object schema with <c>properties</c>, parsed like <c>input</c> (nested classes, enums,
    /// limits), whose class is the call's typed result. KIE041 when it is misplaced or not such a schema.
    /// </summary>
    private SchemaNode? ParseOutput(JsonNode root, bool isCall, string typeBase, string? resultName)
    {
        if (root.Find("output") is not { } member)
        {
            return null;
        }

        if (!isCall)
        {
            Report(KieDiagnostics.InvalidOutput, member.NameStart, member.NameEnd,
                "describes the answer of a synchronous call, but the file has no 'endpoint.call' (a task's result is read from its status); add the call path or remove 'output'");
            return null;
        }

        var json = member.Value;
        var type = json.Kind == JsonKind.Object ? json.Find("type") : null;
        var properties = json.Kind == JsonKind.Object ? json.Find("properties") : null;
        if (json.Kind != JsonKind.Object || properties is null || properties.Value.Kind != JsonKind.Object
            || (type is not null && type.Value is not { Kind: JsonKind.String, Text: "object" }))
        {
            Report(KieDiagnostics.InvalidOutput, json,
                "must be an object schema with 'properties' (the members of Kie's data answer, {\"type\": \"object\", \"properties\": {...}}); leave 'output' out to read data as a JsonElement");
            return null;
        }

        if (resultName is null)
        {
            Report(KieDiagnostics.NameCollision, member.NameStart, member.NameEnd, "The result class '" + typeBase + "Result' has the name of another type of this file");
            return null;
        }

        return ParseSchema(json, "output", typeBase + "Result", resultName, isRoot: true);
    }
}
