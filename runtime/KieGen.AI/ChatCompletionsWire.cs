using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>The OpenAI chat-completions wire format: request bodies written from, and answers read into, the abstractions.</summary>
internal static class ChatCompletionsWire
{
    /// <summary>
    /// The request body. No <c>model</c> member: the path selects the model on Kie. Options without a field in the
    /// protocol are refused by the caller before this runs.
    /// </summary>
    public static byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("messages");
            if (options?.Instructions is { } instructions)
            {
                w.WriteStartObject();
                w.WriteString("role", "system");
                w.WriteString("content", instructions);
                w.WriteEndObject();
            }

            foreach (var message in messages)
            {
                WriteMessage(w, message);
            }

            w.WriteEndArray();
            w.WriteBoolean("stream", stream);
            if (options is not null)
            {
                WriteOptions(w, options);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message)
    {
        // Tool results are messages of their own in this protocol, one per call.
        foreach (var result in message.Contents.OfType<FunctionResultContent>())
        {
            w.WriteStartObject();
            w.WriteString("role", "tool");
            w.WriteString("tool_call_id", result.CallId);
            w.WriteString("content", ResultText(result.Result));
            w.WriteEndObject();
        }

        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        var parts = message.Contents.Where(c => c is not FunctionCallContent and not FunctionResultContent).ToList();
        if (parts.Count == 0 && calls.Count == 0)
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("role", message.Role == ChatRole.Tool ? "tool" : message.Role.Value);
        if (parts.Count == 0)
        {
            w.WriteNull("content");
        }
        else if (parts.All(p => p is TextContent))
        {
            w.WriteString("content", string.Concat(parts.Cast<TextContent>().Select(t => t.Text)));
        }
        else
        {
            w.WriteStartArray("content");
            foreach (var part in parts)
            {
                WritePart(w, part);
            }

            w.WriteEndArray();
        }

        if (calls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                w.WriteStartObject();
                w.WriteString("id", call.CallId);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>Text as text parts; images, and any media (Kie's Gemini rule), as <c>image_url</c> parts.</summary>
    private static void WritePart(Utf8JsonWriter w, AIContent part)
    {
        w.WriteStartObject();
        switch (part)
        {
            case TextContent text:
                w.WriteString("type", "text");
                w.WriteString("text", text.Text);
                break;
            case DataContent data:
                w.WriteString("type", "image_url");
                w.WriteStartObject("image_url");
                w.WriteString("url", data.Uri);
                w.WriteEndObject();
                break;
            case UriContent uri:
                w.WriteString("type", "image_url");
                w.WriteStartObject("image_url");
                w.WriteString("url", uri.Uri.ToString());
                w.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"Kie's chat-completions protocol takes text, DataContent and UriContent parts, not {part.GetType().Name}.");
        }

        w.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter w, ChatOptions options)
    {
        WriteSampling(w, options, "stop");
        if (options.MaxOutputTokens is { } max)
        {
            w.WriteNumber("max_tokens", max);
        }

        if (options.FrequencyPenalty is { } frequency)
        {
            w.WriteNumber("frequency_penalty", frequency);
        }

        if (options.PresencePenalty is { } presence)
        {
            w.WriteNumber("presence_penalty", presence);
        }

        if (options.Seed is { } seed)
        {
            w.WriteNumber("seed", seed);
        }

        var functions = options.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        if (functions.Count > 0)
        {
            w.WriteStartArray("tools");
            foreach (var function in functions)
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", function.Name);
                if (!string.IsNullOrEmpty(function.Description))
                {
                    w.WriteString("description", function.Description);
                }

                w.WritePropertyName("parameters");
                function.JsonSchema.WriteTo(w);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        switch (options.ToolMode)
        {
            case NoneChatToolMode:
                w.WriteString("tool_choice", "none");
                break;
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                w.WriteStartObject("tool_choice");
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", name);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case RequiredChatToolMode:
                w.WriteString("tool_choice", "required");
                break;
        }

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson { Schema: { } schema } json:
                w.WriteStartObject("response_format");
                w.WriteString("type", "json_schema");
                w.WriteStartObject("json_schema");
                w.WriteString("name", json.SchemaName ?? "response");
                w.WritePropertyName("schema");
                schema.WriteTo(w);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case ChatResponseFormatJson:
                w.WriteStartObject("response_format");
                w.WriteString("type", "json_object");
                w.WriteEndObject();
                break;
        }

        WriteAdditional(w, options.AdditionalProperties); // reasoning_effort, include_thoughts, ...
    }

    /// <summary>Temperature, top-p and stop sequences: the same fields in both protocols but for the stop field's name.</summary>
    public static void WriteSampling(Utf8JsonWriter w, ChatOptions options, string stopField)
    {
        if (options.Temperature is { } temperature)
        {
            w.WriteNumber("temperature", temperature);
        }

        if (options.TopP is { } topP)
        {
            w.WriteNumber("top_p", topP);
        }

        if (options.StopSequences is { Count: > 0 } stop)
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

    public static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
    };

    /// <summary>A non-streamed <c>chat.completion</c> object.</summary>
    public static ChatResponse Response(JsonElement root)
    {
        var message = new ChatMessage(ChatRole.Assistant, (string?)null);
        var response = new ChatResponse(message) { RawRepresentation = root.Clone() };
        ReadHeader(root, out var id, out var model, out var created);
        response.ResponseId = id;
        response.ModelId = model;
        response.CreatedAt = created;
        message.MessageId = id;
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            if (choice.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object)
            {
                if (m.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    message.Contents.Add(new TextContent(content.GetString()));
                }

                if (m.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
                {
                    foreach (var call in calls.EnumerateArray())
                    {
                        var function = call.GetProperty("function");
                        message.Contents.Add(FunctionCall(
                            call.TryGetProperty("id", out var callId) ? callId.GetString() ?? "" : "",
                            function.GetProperty("name").GetString() ?? "",
                            function.TryGetProperty("arguments", out var args) ? args.GetString() : null));
                    }
                }
            }

            response.FinishReason = FinishReason(choice);
        }

        response.Usage = Usage(root);
        return response;
    }

    public static void ReadHeader(JsonElement root, out string? id, out string? model, out DateTimeOffset? created)
    {
        id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        created = root.TryGetProperty("created", out var c) && c.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    public static ChatFinishReason? FinishReason(JsonElement choice) =>
        choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String
            ? finish.GetString() switch
            {
                "stop" => ChatFinishReason.Stop,
                "length" => ChatFinishReason.Length,
                "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
                "content_filter" => ChatFinishReason.ContentFilter,
                var other => new ChatFinishReason(other!),
            }
            : null;

    public static UsageDetails? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        static long? Count(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : null;
        return new UsageDetails
        {
            InputTokenCount = Count(usage, "prompt_tokens"),
            OutputTokenCount = Count(usage, "completion_tokens"),
            TotalTokenCount = Count(usage, "total_tokens"),
        };
    }

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
}
