using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using KieGen.Client;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>What every chat protocol's reader and writer share: tool calls and results, Kie's extra fields, errors.</summary>
internal static class ChatJson
{
    /// <summary>Temperature, top-p and stop sequences: the same fields in the OpenAI and Anthropic protocols but for the stop field's name.</summary>
    public static void WriteSampling(Utf8JsonWriter w, ChatOptions options, string? stopField)
    {
        if (options.Temperature is { } temperature)
        {
            w.WriteNumber("temperature", temperature);
        }

        if (options.TopP is { } topP)
        {
            w.WriteNumber("top_p", topP);
        }

        if (stopField is not null && options.StopSequences is { Count: > 0 } stop)
        {
            w.WriteStartArray(stopField);
            foreach (var s in stop)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        }
    }

    /// <summary>Kie's own body fields from <c>AdditionalProperties</c>, under their wire names (keys starting <c>kie.</c> excepted).</summary>
    public static void WriteAdditional(Utf8JsonWriter w, AdditionalPropertiesDictionary? additional)
    {
        foreach (var (key, value) in additional ?? [])
        {
            if (!key.StartsWith(KieParameterMap.ReservedPrefix, StringComparison.Ordinal))
            {
                w.WritePropertyName(key);
                if (KieParameterMap.ToJson(value) is { } node)
                {
                    node.WriteTo(w);
                }
                else
                {
                    w.WriteNullValue();
                }
            }
        }
    }

    /// <summary>
    /// A function's <c>name</c>, <c>description</c> and its schema under the protocol's field name (the caller opens and
    /// closes the object); <paramref name="writeSchema"/> rewrites the schema for protocols with their own subset.
    /// </summary>
    public static void WriteFunction(Utf8JsonWriter w, AIFunctionDeclaration function, string schemaField, Action<Utf8JsonWriter, JsonElement>? writeSchema = null)
    {
        w.WriteString("name", function.Name);
        if (!string.IsNullOrEmpty(function.Description))
        {
            w.WriteString("description", function.Description);
        }

        w.WritePropertyName(schemaField);
        if (writeSchema is null)
        {
            function.JsonSchema.WriteTo(w);
        }
        else
        {
            writeSchema(w, function.JsonSchema);
        }
    }

    /// <summary>
    /// The OpenAI protocols' <c>tools</c> and <c>tool_choice</c>: chat completions nests each function (and a required
    /// function's name) under <c>function</c>; Responses writes them flat.
    /// </summary>
    public static void WriteOpenAITools(Utf8JsonWriter w, ChatOptions options, bool nested)
    {
        var functions = ChatBody.Functions(options);
        if (functions.Count > 0)
        {
            ChatBody.WriteObjects(w, "tools", functions, (w, function) =>
            {
                w.WriteString("type", "function");
                if (nested)
                {
                    w.WriteStartObject("function");
                }

                WriteFunction(w, function, "parameters");
                if (nested)
                {
                    w.WriteEndObject();
                }
            });
        }

        switch (options.ToolMode)
        {
            case NoneChatToolMode:
                w.WriteString("tool_choice", "none");
                break;
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                w.WriteStartObject("tool_choice");
                w.WriteString("type", "function");
                if (nested)
                {
                    w.WriteStartObject("function");
                }

                w.WriteString("name", name);
                if (nested)
                {
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                break;
            case RequiredChatToolMode:
                w.WriteString("tool_choice", "required");
                break;
        }
    }

    /// <summary>A tool call's arguments as a JSON object.</summary>
    public static void WriteArguments(Utf8JsonWriter w, FunctionCallContent call) =>
        JsonSerializer.Serialize(w, call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>A tool call's arguments as JSON text, as the OpenAI protocols carry them.</summary>
    public static string ArgumentsText(FunctionCallContent call) =>
        JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    public static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
    };

    /// <summary>A tool call with its JSON arguments parsed into a dictionary, as the abstractions expect.</summary>
    public static FunctionCallContent FunctionCall(string callId, string name, string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return new FunctionCallContent(callId, name, new Dictionary<string, object?>());
        }

        try
        {
            var parsed = JsonSerializer.Deserialize(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>))) as Dictionary<string, object?>;
            return new FunctionCallContent(callId, name, parsed);
        }
        catch (JsonException e)
        {
            return new FunctionCallContent(callId, name) { Exception = e };
        }
    }

    /// <summary>A whole answer's response: one assistant message, empty for the protocol's reader to fill, and the raw JSON.</summary>
    public static ChatResponse NewResponse(JsonElement root, out ChatMessage message)
    {
        message = new ChatMessage(ChatRole.Assistant, (string?)null);
        return new ChatResponse(message) { RawRepresentation = root.Clone() };
    }

    /// <summary>A stream event's update, or null when it carries nothing the caller sees (no role, finish or content).</summary>
    public static ChatResponseUpdate? UnlessEmpty(ChatResponseUpdate update) =>
        update.Role is null && update.FinishReason is null && update.Contents.Count == 0 ? null : update;

    public static string? Text(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long? Count(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    public static bool TryGetObject(JsonElement o, string name, out JsonElement value) => TryGet(o, name, JsonValueKind.Object, out value);

    public static bool TryGetArray(JsonElement o, string name, out JsonElement value) => TryGet(o, name, JsonValueKind.Array, out value);

    private static bool TryGet(JsonElement o, string name, JsonValueKind kind, out JsonElement value)
    {
        value = default;
        return o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out value) && value.ValueKind == kind;
    }

    /// <summary>An option the protocol has no field for: refused before anything is sent, never dropped.</summary>
    public static ArgumentException Unsupported(string modelId, string protocol, string option, string why) =>
        new($"Model '{modelId}' ({protocol}) cannot honour ChatOptions.{option}: {why}.", "options");

    /// <summary>
    /// A body member written twice, once from <see cref="ChatOptions"/> and once from its <c>AdditionalProperties</c>
    /// (which of the two Kie would take is unknown): refused by name before anything is sent.
    /// </summary>
    public static void RefuseDuplicates(string modelId, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                throw new ArgumentException($"Model '{modelId}': the body member '{member.Name}' is set both by ChatOptions and by ChatOptions.AdditionalProperties; set it once.", "options");
            }
        }
    }

    /// <summary>A chat call that failed, in Kie's words: the model, the HTTP status, the code when there is one, the message.</summary>
    public static KieApiException Failure(string modelId, HttpStatusCode status, int? code, string? message) =>
        new($"Kie's chat model '{modelId}' failed (HTTP {(int)status}{(code is null ? "" : ", code " + code)}): {message ?? "no message"}", status, code, message);
}
