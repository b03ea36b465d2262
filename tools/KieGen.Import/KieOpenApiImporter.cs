using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace KieGen.Import;

/// <summary>
/// Converts one model's OpenAPI document (Kie's <c>/schema</c> answer, or the block of a docs page) into a KieGen
/// schema file: the <c>input</c> schema self-contained, <c>oneOf</c>/<c>anyOf</c> branches kept, top-level body
/// fields, the callback field, the status path, category and result from Kie's task types, title and description,
/// and where it came from (<c>x-source</c>). Anything it cannot convert is a <see cref="KieImportException"/> naming
/// the JSON pointer. A synchronous endpoint (a POST answered at once, with no task to poll) becomes a file with
/// <c>endpoint.call</c> and the <c>output</c> of its answer's <c>data</c>; a task API of its own (a create path other
/// than the unified <c>jobs/createTask</c> with a status to poll) is reported as not importable.
/// </summary>
public static class KieOpenApiImporter
{
    /// <summary>The unified create path every importable model uses.</summary>
    public const string CreatePath = "/api/v1/jobs/createTask";

    /// <summary>The unified status path (the schema file's default).</summary>
    public const string StatusPath = "/api/v1/jobs/recordInfo";

    /// <summary>Lower-case hex SHA-256 of a document's bytes, for <see cref="ImportSource.Sha256"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> document) => System.Convert.ToHexString(SHA256.HashData(document)).ToLowerInvariant();

    /// <summary>Converts <paramref name="openApi"/>; see the type's summary.</summary>
    /// <param name="openApi">The OpenAPI document (3.0 or 3.1) of one model.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="taskTypes">The model's task types from Kie's list (e.g. <c>Text to Video</c>); none: guessed from the operation's tags.</param>
    public static ImportResult Convert(JsonNode openApi, ImportSource source, IReadOnlyList<string>? taskTypes = null)
    {
        ArgumentNullException.ThrowIfNull(openApi);
        ArgumentNullException.ThrowIfNull(source);
        if (openApi is not JsonObject root)
        {
            throw new KieImportException("", "an OpenAPI document must be a JSON object");
        }

        var version = (root["openapi"] as JsonValue)?.ToString();
        if (version is null || !(version.StartsWith("3.0", StringComparison.Ordinal) || version.StartsWith("3.1", StringComparison.Ordinal)))
        {
            throw new KieImportException("/openapi", $"expected OpenAPI 3.0 or 3.1, found {(version is null ? "no version" : "'" + version + "'")}");
        }

        var repairs = new List<string>();
        var inliner = new SchemaInliner(root, repairs);
        if (root["paths"] is not JsonObject paths || paths.Count == 0)
        {
            throw new KieImportException("/paths", "the document has no paths");
        }

        var posts = paths.Where(p => p.Value is JsonObject item && item["post"] is JsonObject).Select(p => (Path: p.Key, Operation: (JsonObject)p.Value!["post"]!)).ToList();
        if (posts.Count == 0)
        {
            return new ImportResult(null, null, "the document has no POST operation, so no task can be created from it", repairs);
        }

        var (path, operation) = posts.FirstOrDefault(p => p.Path == CreatePath) is { Operation: not null } create ? create : posts[0];
        var at = "/paths/" + SchemaInliner.Escape(path) + "/post";
        var bodyAt = at + "/requestBody/content/application~1json/schema";
        var body = operation["requestBody"] is { } requestBody ? inliner.Follow(requestBody, at + "/requestBody") : default;
        JsonObject? bodySchema = null;
        if (body.Node is JsonObject rb && rb["content"] is JsonObject content && content["application/json"] is JsonObject json && json["schema"] is { } schema)
        {
            var (node, pointer) = inliner.Follow(schema, bodyAt);
            bodySchema = node as JsonObject;
            bodyAt = pointer;
        }

        var properties = bodySchema?["properties"] as JsonObject;
        var model = ModelId(properties?["model"], inliner, bodyAt + "/properties/model");
        if (path != CreatePath)
        {
            if (StatusOf(paths) is { } taskStatus)
            {
                return new ImportResult(model, null, $"its endpoint is POST {path} with a task polled at GET {taskStatus}: a task API of its own, not the unified {CreatePath}", repairs);
            }

            return ConvertCall(root, source, taskTypes, inliner, repairs, path, operation, at, bodySchema, bodyAt, model);
        }

        if (properties is null || !properties.ContainsKey("input"))
        {
            return new ImportResult(model, null, $"its createTask body at {bodyAt} has no 'input'", repairs);
        }

        if (model is null)
        {
            throw new KieImportException(bodyAt + "/properties/model", "the body does not name its model (no enum, const or default on 'model')");
        }

        var required = (bodySchema!["required"] as JsonArray ?? new JsonArray()).Select(r => r?.ToString()).ToHashSet(StringComparer.Ordinal);
        var callbackField = CallbackField(operation, at, properties, repairs);
        var topLevel = new JsonObject();
        var topRequired = new JsonArray();
        foreach (var (name, value) in properties)
        {
            if (name is "model" or "input" || name == callbackField)
            {
                continue;
            }

            topLevel[name] = inliner.Inline(value!, bodyAt + "/properties/" + SchemaInliner.Escape(name));
            if (required.Contains(name))
            {
                topRequired.Add(name);
            }
        }

        var (input, inputAt) = inliner.Follow(properties["input"]!, bodyAt + "/properties/input");
        var inputSchema = Hoist(inliner.Inline(input, inputAt) as JsonObject ?? throw new KieImportException(inputAt, "'input' must be an object schema"), inputAt, repairs);
        var (category, result) = Classify(taskTypes, operation, repairs);
        RoleInference.Apply(category, inputSchema);

        var file = Header(root, operation, model, category, result);

        var status = StatusOf(paths);
        if (status is not null && status != StatusPath)
        {
            file["endpoint"] = new JsonObject { ["create"] = CreatePath, ["status"] = status };
        }

        if (callbackField is not null && (callbackField != "callBackUrl" || required.Contains(callbackField)))
        {
            var callback = new JsonObject();
            if (callbackField != "callBackUrl")
            {
                callback["field"] = callbackField;
            }

            if (required.Contains(callbackField))
            {
                callback["required"] = true;
            }

            file["callback"] = callback;
        }

        if (topLevel.Count > 0)
        {
            file["topLevel"] = topRequired.Count > 0 ? new JsonObject { ["properties"] = topLevel, ["required"] = topRequired } : new JsonObject { ["properties"] = topLevel };
        }

        file["input"] = inputSchema;
        Close(file, operation, source);
        return new ImportResult(model, file, null, repairs);
    }

    /// <summary>
    /// A synchronous endpoint (a POST that is not createTask, with no task to poll): the body's schema becomes
    /// <c>input</c> (parameters at the top level), <c>endpoint.call</c> its path, and the schema of the 200 answer's
    /// <c>data</c> the <c>output</c>. The model id is the body's <c>model</c> value, else the operation id.
    /// </summary>
    private static ImportResult ConvertCall(
        JsonObject root, ImportSource source, IReadOnlyList<string>? taskTypes, SchemaInliner inliner, List<string> repairs,
        string path, JsonObject operation, string at, JsonObject? bodySchema, string bodyAt, string? model)
    {
        model ??= Text(operation["operationId"]);
        if (model is null)
        {
            throw new KieImportException(at + "/operationId", $"the synchronous endpoint POST {path} names no model: its body has no 'model' value and the operation no operationId");
        }

        if (bodySchema is null)
        {
            return new ImportResult(model, null, $"its synchronous endpoint POST {path} documents no JSON request body", repairs);
        }

        var input = Hoist(inliner.Inline(bodySchema, bodyAt) as JsonObject ?? throw new KieImportException(bodyAt, "the request body must be an object schema"), bodyAt, repairs);
        if (input["type"] is null)
        {
            input = new JsonObject(new[] { KeyValuePair.Create("type", (JsonNode?)JsonValue.Create("object")) }.Concat(input.Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone()))));
        }

        var (category, _) = Classify(taskTypes, operation, repairs);
        RoleInference.Apply(category, input);

        // The answer is the call's result: a structured object, typed by 'output' where Kie documents its data.
        var file = Header(root, operation, model, category, "object");
        file["endpoint"] = new JsonObject { ["call"] = path };
        file["input"] = input;
        if (AnswerData(operation, at, inliner) is { } output)
        {
            file["output"] = output;
        }
        else
        {
            repairs.Add($"{at}/responses/200: no object schema for the answer's 'data'; the call's result is read as raw JSON");
        }

        Close(file, operation, source);
        return new ImportResult(model, file, null, repairs);
    }

    /// <summary>The schema of <c>data</c> in the 200 answer (through <c>$ref</c>s and <c>allOf</c> parts), when it is an object with properties.</summary>
    private static JsonObject? AnswerData(JsonObject operation, string at, SchemaInliner inliner)
    {
        var responseAt = at + "/responses/200";
        if (operation["responses"] is not JsonObject responses || responses["200"] is not { } ok)
        {
            return null;
        }

        var (response, pointer) = inliner.Follow(ok, responseAt);
        if (response is not JsonObject r || r["content"] is not JsonObject content || content["application/json"] is not JsonObject json || json["schema"] is not { } schema)
        {
            return null;
        }

        var schemaAt = pointer + "/content/application~1json/schema";
        var (data, dataAt) = FindData(schema, schemaAt, inliner, 0);
        if (data is null)
        {
            return null;
        }

        var inlined = inliner.Inline(data, dataAt) as JsonObject;
        return inlined?["properties"] is JsonObject { Count: > 0 } ? inlined : null;
    }

    private static (JsonNode? Node, string Pointer) FindData(JsonNode schema, string pointer, SchemaInliner inliner, int depth)
    {
        var (node, at) = inliner.Follow(schema, pointer);
        if (node is not JsonObject obj || depth > 8)
        {
            return (null, at);
        }

        if (obj["properties"] is JsonObject properties && properties["data"] is { } data)
        {
            return (data, at + "/properties/data");
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (obj[keyword] is JsonArray parts)
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    if (parts[i] is { } part && FindData(part, at + "/" + keyword + "/" + i, inliner, depth + 1) is { Node: not null } found)
                    {
                        return found;
                    }
                }
            }
        }

        return (null, at);
    }

    /// <summary>The members every imported file starts with: id, family, category, result, title and description.</summary>
    private static JsonObject Header(JsonObject root, JsonObject operation, string model, string category, string result)
    {
        var file = new JsonObject
        {
            ["$schema"] = "../kie-model.schema.json",
            ["model"] = model,
            ["family"] = "market",
            ["category"] = category,
            ["result"] = result,
        };
        var title = Text(operation["summary"]) ?? Text((root["info"] as JsonObject)?["title"]);
        if (title is not null)
        {
            file["title"] = title;
        }

        var description = Text(operation["description"]) ?? Text((root["info"] as JsonObject)?["description"]);
        if (description is not null)
        {
            file["description"] = description;
        }

        return file;
    }

    /// <summary>The members every imported file ends with: the deprecation Kie marks, and where the document came from.</summary>
    private static void Close(JsonObject file, JsonObject operation, ImportSource source)
    {
        if (operation["deprecated"] is JsonValue d && d.TryGetValue<bool>(out var deprecated) && deprecated)
        {
            file["deprecated"] = new JsonObject { ["reason"] = "Kie marks the operation deprecated" };
        }

        file["x-source"] = new JsonObject
        {
            ["url"] = source.Url,
            ["retrieved"] = source.RetrievedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["sha256"] = source.Sha256,
        };
    }

    /// <summary>
    /// Kie writes some inputs as an <c>anyOf</c>/<c>oneOf</c> of complete shapes and no shared properties; the schema
    /// format wants the properties once, with each branch naming its keys and required set. A parameter the shapes
    /// define differently (Kling 3.0 Omni's <c>image_urls</c>: at most 7 images in one shape, 4 in another) keeps each
    /// shape's own definition in its branch; the generator types it once from them and checks each branch's limits.
    /// A branch stays as open as Kie wrote it: it forbids unlisted members only if Kie's shape said
    /// <c>additionalProperties: false</c> (JSON Schema), the request object as a whole accepts only the listed ones.
    /// </summary>
    private static JsonObject Hoist(JsonObject input, string pointer, List<string> repairs)
    {
        var keyword = input.ContainsKey("oneOf") ? "oneOf" : input.ContainsKey("anyOf") ? "anyOf" : null;
        if (keyword is null || input.ContainsKey("properties") || input[keyword] is not JsonArray branches || branches.Any(b => b is not JsonObject { } o || o["properties"] is not JsonObject))
        {
            return input;
        }

        // One shared definition for a parameter every shape that has it defines alike; the others stay in the branches.
        var definitions = new Dictionary<string, List<JsonNode?>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var branch in branches.Cast<JsonObject>())
        {
            foreach (var (name, schema) in (JsonObject)branch["properties"]!)
            {
                if (!definitions.TryGetValue(name, out var list))
                {
                    definitions[name] = list = new List<JsonNode?>();
                    order.Add(name);
                }

                list.Add(schema);
            }
        }

        var shared = new JsonObject();
        var differing = new List<string>();
        foreach (var name in order)
        {
            var list = definitions[name];
            if (list.All(d => JsonNode.DeepEquals(d, list[0])))
            {
                shared[name] = list[0]?.DeepClone();
            }
            else
            {
                differing.Add(name);
            }
        }

        var newBranches = new JsonArray();
        foreach (var branch in branches.Cast<JsonObject>())
        {
            var names = new JsonObject();
            foreach (var (name, schema) in (JsonObject)branch["properties"]!)
            {
                names[name] = shared.ContainsKey(name) ? JsonValue.Create(true) : schema?.DeepClone();
            }

            var rewritten = new JsonObject();
            foreach (var member in new[] { "title", "description" })
            {
                if (branch[member] is { } value)
                {
                    rewritten[member] = value.DeepClone();
                }
            }

            rewritten["properties"] = names;
            rewritten["required"] = branch["required"]?.DeepClone() ?? new JsonArray();
            if (branch["additionalProperties"] is { } additional)
            {
                rewritten["additionalProperties"] = additional.DeepClone();
            }

            newBranches.Add(rewritten);
        }

        if (differing.Count > 0)
        {
            repairs.Add($"{pointer}/{keyword}: {string.Join(", ", differing.Select(n => "'" + n + "'"))} defined differently by the shapes, kept in each branch");
        }

        var result = new JsonObject { ["type"] = "object", ["properties"] = shared, ["additionalProperties"] = false };
        foreach (var (name, value) in input.Where(m => m.Key != "type" && m.Key != keyword))
        {
            result[name] = value?.DeepClone();
        }

        result[keyword] = newBranches;
        repairs.Add($"{pointer}/{keyword}: {branches.Count} complete shapes rewritten as shared properties with branches naming their keys");
        return result;
    }

    private static string? ModelId(JsonNode? model, SchemaInliner inliner, string pointer)
    {
        if (model is null)
        {
            return null;
        }

        var schema = inliner.Follow(model, pointer).Node as JsonObject;
        var value = (schema?["const"] as JsonValue) ?? (schema?["enum"] as JsonArray)?.FirstOrDefault() as JsonValue ?? schema?["default"] as JsonValue
            ?? (schema?["examples"] as JsonArray)?.FirstOrDefault() as JsonValue ?? schema?["example"] as JsonValue;
        return value is not null && value.TryGetValue<string>(out var id) && id.Length > 0 ? id : null;
    }

    /// <summary>
    /// The body field the operation's <c>callbacks</c> expression names; a field the body lacks (a callback block copied
    /// from another model) is reported as a repair and the body's own <c>callBackUrl</c> used.
    /// </summary>
    private static string? CallbackField(JsonObject operation, string at, JsonObject properties, List<string> repairs)
    {
        string? missing = null;
        if (operation["callbacks"] is JsonObject callbacks)
        {
            foreach (var (_, callback) in callbacks)
            {
                foreach (var (expression, _) in callback as JsonObject ?? new JsonObject())
                {
                    const string Prefix = "{$request.body#/";
                    if (expression.StartsWith(Prefix, StringComparison.Ordinal) && expression.EndsWith('}'))
                    {
                        var field = expression[Prefix.Length..^1];
                        if (properties.ContainsKey(field))
                        {
                            return field;
                        }

                        missing ??= field;
                    }
                }
            }
        }

        var fallback = properties.ContainsKey("callBackUrl") ? "callBackUrl" : null;
        if (missing is not null)
        {
            repairs.Add($"{at}/callbacks: the expression names '{missing}', which the request body does not have; the callback field is {(fallback is null ? "left out" : "'" + fallback + "'")}");
        }

        return fallback;
    }

    private static string? StatusOf(JsonObject paths) =>
        paths.Where(p => p.Value is JsonObject item && item["get"] is JsonObject get && get["parameters"] is JsonArray parameters
                && parameters.Any(x => x is JsonObject o && (string?)o["name"] == "taskId"))
            .Select(p => p.Key)
            .FirstOrDefault();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    /// <summary>Category and result kind from Kie's task types (the first one that is known), else from the tags.</summary>
    private static (string Category, string Result) Classify(IReadOnlyList<string>? taskTypes, JsonObject operation, List<string> repairs)
    {
        foreach (var type in taskTypes ?? Array.Empty<string>())
        {
            if (TaskTypes.Map(type) is { } known)
            {
                return known;
            }
        }

        var tags = (operation["tags"] as JsonArray ?? new JsonArray()).Select(t => t?.ToString() ?? "").ToList();
        foreach (var (word, kind) in new[] { ("Video", ("video", "video")), ("Image", ("image", "image")), ("Music", ("music", "music")), ("Suno", ("music", "music")), ("Audio", ("audio", "audio")), ("Speech", ("audio", "audio")) })
        {
            if (tags.Any(t => t.Contains(word, StringComparison.OrdinalIgnoreCase)))
            {
                repairs.Add($"category and result guessed from the tag '{tags.First(t => t.Contains(word, StringComparison.OrdinalIgnoreCase))}' (no known task type)");
                return kind;
            }
        }

        repairs.Add("no task type or tag tells the category: written as 'other' with result 'object'; correct both by hand");
        return ("other", "object");
    }
}
