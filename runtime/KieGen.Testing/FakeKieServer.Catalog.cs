using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KieGen.Testing;

/// <summary>
/// Kie's discovery endpoints (<c>/api/v1/models</c>, <c>/{model}/schema</c>, <c>/price</c>, <c>/success-rate</c>),
/// served from the catalog's schema files (embedded in this assembly) plus <see cref="FakeKieOptions.CatalogSchemas"/>.
/// Each model's OpenAPI document is generated from its file and shaped like Kie's: the request body and input are
/// <c>$ref</c>s into <c>components</c> under keys with spaces (percent-encoded in the reference) or a trailing space.
/// </summary>
public sealed partial class FakeKieServer
{
    /// <summary>The path prefix of the discovery endpoints.</summary>
    private const string ModelsPath = "/api/v1/models";

    private readonly Dictionary<string, Queue<DateTimeOffset>> _catalogWindows = new(StringComparer.Ordinal);
    private IReadOnlyList<JsonObject>? _catalogFiles;

    /// <summary>The task types the fake lists for a (category, result) pair; <c>KieGen.Import</c> maps them back.</summary>
    public static string TaskTypeOf(string category, string result) => (category, result) switch
    {
        ("video", _) => "Text to Video",
        ("image", _) => "Text to Image",
        ("audio", "text") => "Speech to Text",
        ("audio", _) => "Text to Speech",
        ("music", "audio") => "Audio to Audio",
        ("music", "text") => "Text to Lyrics",
        ("music", "image") => "Music to Image",
        ("music", "video") => "Music to Video",
        ("music", "object") => "Music Analysis",
        ("music", _) => "Text to Music",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(category),
    };

    /// <summary>
    /// The schema files the discovery endpoints serve: live (not deprecated) catalog models (only
    /// <see cref="FakeKieOptions.CatalogModels"/> when it names any) and the options' own.
    /// </summary>
    public IReadOnlyList<JsonObject> CatalogFiles => _catalogFiles ??= LoadCatalogFiles();

    /// <summary>The OpenAPI document the fake serves for one schema file (the same one the schema endpoint sends).</summary>
    public static JsonObject OpenApiFor(JsonObject file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var model = (string)file["model"]!;
        if ((file["endpoint"] as JsonObject)?["call"] is JsonValue call)
        {
            return CallOpenApiFor(file, model, (string)call!);
        }

        var callback = file["callback"] as JsonObject;
        var callbackField = (string?)callback?["field"] ?? "callBackUrl";
        var callbackRequired = (bool?)callback?["required"] ?? false;

        var body = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("model", "input"),
        };
        var properties = new JsonObject
        {
            ["model"] = new JsonObject { ["type"] = "string", ["description"] = "The model used for the task.", ["enum"] = new JsonArray(model), ["default"] = model },
            [callbackField] = new JsonObject { ["type"] = "string", ["format"] = "uri", ["description"] = "Where the result is posted when the task ends." },
        };
        if (callbackRequired)
        {
            ((JsonArray)body["required"]!).Add(callbackField);
        }

        if (file["topLevel"] is JsonObject topLevel)
        {
            foreach (var (name, schema) in (JsonObject)topLevel["properties"]!)
            {
                properties[name] = schema?.DeepClone();
            }

            foreach (var name in topLevel["required"] as JsonArray ?? new JsonArray())
            {
                ((JsonArray)body["required"]!).Add(name?.DeepClone());
            }
        }

        properties["input"] = new JsonObject { ["$ref"] = "#/components/schemas/Input%20parameters" };
        body["properties"] = properties;

        var create = new JsonObject
        {
            ["summary"] = file["title"]?.DeepClone() ?? model,
            ["operationId"] = model.Replace('/', '-'),
            ["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Create%20task%20request" } } },
            },
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["$ref"] = "#/components/responses/Task created" },
                ["default"] = new JsonObject { ["$ref"] = "#/components/responses/Error " },
            },
            ["callbacks"] = new JsonObject
            {
                ["onTaskFinished"] = new JsonObject
                {
                    ["{$request.body#/" + callbackField + "}"] = new JsonObject
                    {
                        ["post"] = new JsonObject { ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "Received." } } },
                    },
                },
            },
        };
        if (file["description"] is { } description)
        {
            create["description"] = description.DeepClone();
        }

        if (file["deprecated"] is not null)
        {
            create["deprecated"] = true;
        }

        var status = new JsonObject
        {
            ["summary"] = "Get task details",
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "taskId", ["in"] = "query", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } }),
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "The task." }, ["default"] = new JsonObject { ["$ref"] = "#/components/responses/Error " } },
        };

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = file["title"]?.DeepClone() ?? model, ["version"] = "1.0.0" },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "https://api.kie.ai" }),
            ["paths"] = new JsonObject
            {
                ["/api/v1/jobs/createTask"] = new JsonObject { ["post"] = create },
                ["/api/v1/jobs/recordInfo"] = new JsonObject { ["get"] = status },
            },
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject
                {
                    ["Create task request"] = body,
                    ["Input parameters"] = file["input"]?.DeepClone(),
                    ["response not with recordId"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["code"] = new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray(200, 401, 402, 404, 422, 429, 433, 455, 500, 501, 505) },
                            ["msg"] = new JsonObject { ["type"] = "string" },
                            ["data"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["taskId"] = new JsonObject { ["type"] = "string" }, ["recordId"] = new JsonObject { ["type"] = "string" } } },
                        },
                    },
                },
                ["responses"] = new JsonObject
                {
                    ["Task created"] = new JsonObject
                    {
                        ["description"] = "The task was created.",
                        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/response%20not%20with%20recordId" } } },
                    },
                    ["Error "] = new JsonObject { ["description"] = "Kie's error envelope: code 401, 402, 404, 422, 429, 433, 455, 500, 501 or 505 with msg." },
                },
            },
        };
    }

    /// <summary>
    /// A synchronous endpoint's document, shaped like Kie's Gemini Omni Audio page: its own POST path, the body
    /// schema (the parameters at the top level) under a component key with a space, and a 200 answer whose
    /// <c>allOf</c> part declares <c>data</c> as the file's <c>output</c>; no status path, no callback.
    /// </summary>
    private static JsonObject CallOpenApiFor(JsonObject file, string model, string path)
    {
        var answer = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["code"] = new JsonObject { ["type"] = "integer" },
                ["msg"] = new JsonObject { ["type"] = "string" },
                ["data"] = file["output"]?.DeepClone() ?? new JsonObject { ["type"] = "object" },
            },
        };
        var call = new JsonObject
        {
            ["summary"] = file["title"]?.DeepClone() ?? model,
            ["operationId"] = model,
            ["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Call%20request" } } },
            },
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "Request successful",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["allOf"] = new JsonArray(answer) } } },
                },
                ["default"] = new JsonObject { ["description"] = "Kie's error envelope: code 401, 402, 422, 429, 455 or 500 with msg." },
            },
        };
        if (file["description"] is { } description)
        {
            call["description"] = description.DeepClone();
        }

        if (file["deprecated"] is not null)
        {
            call["deprecated"] = true;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = file["title"]?.DeepClone() ?? model, ["version"] = "1.0.0" },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "https://api.kie.ai" }),
            ["paths"] = new JsonObject { [path] = new JsonObject { ["post"] = call } },
            ["components"] = new JsonObject { ["schemas"] = new JsonObject { ["Call request"] = file["input"]?.DeepClone() } },
        };
    }

    private Reply Catalog(string path, IQueryCollection query, string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            // One budget for all four endpoints; Kie answers an excess with body code 429 and HTTP 200.
            if (!Admit(_catalogWindows, key, _options.CatalogLimitPerSecond, TimeSpan.FromSeconds(1), now))
            {
                return new Reply(200, 429, "Rate limit exceeded: discovery endpoints allow 1 request per second");
            }
        }

        if (path == ModelsPath)
        {
            return ListModels(query);
        }

        var rest = path.Length > ModelsPath.Length + 1 && path[ModelsPath.Length] == '/' ? path[(ModelsPath.Length + 1)..] : "";
        foreach (var (suffix, answer) in new (string, Func<JsonObject, Reply>)[] { ("/schema", Schema), ("/price", Price), ("/success-rate", SuccessRate) })
        {
            if (rest.EndsWith(suffix, StringComparison.Ordinal))
            {
                var model = Uri.UnescapeDataString(rest[..^suffix.Length]);
                var file = CatalogFiles.FirstOrDefault(f => (string?)f["model"] == model);
                return file is null ? Reply.Error(404, $"Model '{model}' not found", 200) : answer(file);
            }
        }

        return Reply.Error(404, $"No endpoint GET {path}");
    }

    private Reply ListModels(IQueryCollection query)
    {
        var taskTypes = query["taskType"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var provider = query["provider"].ToString();
        var text = query["q"].ToString();
        var matches = CatalogFiles.Where(f =>
                (taskTypes.Length == 0 || taskTypes.Contains(TaskTypeOfFile(f), StringComparer.OrdinalIgnoreCase))
                && (provider.Length == 0 || string.Equals(ProviderOf(f), provider, StringComparison.OrdinalIgnoreCase))
                && (text.Length == 0 || new[] { (string?)f["model"], (string?)f["title"], (string?)f["description"] }.Any(s => s?.Contains(text, StringComparison.OrdinalIgnoreCase) == true)))
            .ToList();
        return Reply.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total", matches.Count);
            w.WriteStartArray("models");
            foreach (var f in matches)
            {
                var model = (string)f["model"]!;
                w.WriteStartObject();
                w.WriteString("model", model);
                w.WriteString("slug", model.Replace('/', '-'));
                w.WriteString("title", (string?)f["title"] ?? model);
                w.WriteString("provider", ProviderOf(f));
                w.WriteStartArray("taskType");
                w.WriteStringValue(TaskTypeOfFile(f));
                w.WriteEndArray();
                w.WriteString("description", (string?)f["description"]);
                w.WriteString("pricingDesc", PriceText());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private Reply Schema(JsonObject file)
    {
        var model = (string)file["model"]!;
        var unsynced = _options.UnsyncedSchemas.Contains(model);
        var document = unsynced ? null : OpenApiFor(file);
        return Reply.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WritePropertyName("openapi");
            if (document is null)
            {
                w.WriteNullValue();
            }
            else
            {
                document.WriteTo(w);
            }

            w.WriteEndObject();
        });
    }

    private Reply Price(JsonObject file) => Reply.Ok(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", (string)file["model"]!);
        w.WriteString("pricingDesc", PriceText());
        w.WriteEndObject();
    });

    private Reply SuccessRate(JsonObject file)
    {
        // 144 ten-minute buckets ending at the last full bucket; a deterministic pattern with quiet (null) buckets.
        var now = _options.TimeProvider.GetUtcNow();
        var end = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.FromMinutes(10).Ticks), TimeSpan.Zero);
        return Reply.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("model", (string)file["model"]!);
            w.WriteStartArray("points");
            for (var i = 143; i >= 0; i--)
            {
                var start = end - TimeSpan.FromMinutes(10 * (i + 1));
                w.WriteStartObject();
                w.WriteString("start", start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteString("end", (start + TimeSpan.FromMinutes(10)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                if (i % 6 == 5)
                {
                    w.WriteNull("successRate");
                    w.WriteNull("errorRate");
                }
                else
                {
                    var success = 0.9 + ((i % 10) / 100.0);
                    w.WriteNumber("successRate", success);
                    w.WriteNumber("errorRate", Math.Round(1 - success, 2));
                }

                w.WriteBoolean("isNormal", true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private string PriceText() => string.Create(CultureInfo.InvariantCulture, $"{_options.CreditsPerTask} credits per task");

    private static string TaskTypeOfFile(JsonObject f) => TaskTypeOf((string?)f["category"] ?? "", (string?)f["result"] ?? "");

    private static string ProviderOf(JsonObject f)
    {
        var model = (string)f["model"]!;
        var cut = model.IndexOfAny(new[] { '/', '-' });
        return cut > 0 ? model[..cut] : model;
    }

    private List<JsonObject> LoadCatalogFiles()
    {
        var byModel = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var assembly = typeof(FakeKieServer).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".kie.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            if (JsonNode.Parse(stream) is JsonObject file && file["deprecated"] is null && (string?)file["family"] == "market" && file["model"] is JsonValue
                && (_options.CatalogModels.Count == 0 || _options.CatalogModels.Contains((string)file["model"]!)))
            {
                byModel[(string)file["model"]!] = file;
            }
        }

        foreach (var text in _options.CatalogSchemas)
        {
            var file = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("A catalog schema is not a JSON object.");
            byModel[(string?)file["model"] ?? throw new JsonException("A catalog schema has no 'model'.")] = file;
        }

        return byModel.Values.ToList();
    }
}
