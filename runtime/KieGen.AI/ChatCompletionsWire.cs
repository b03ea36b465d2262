using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// The OpenAI chat-completions wire format Kie serves its Gemini and GPT 5.2 models with: request bodies written
/// from, and answers and SSE chunks read into, the abstractions.
/// </summary>
internal sealed class ChatCompletionsWire(string modelId) : IChatWire
{
    /// <summary>The request body. No <c>model</c> member: the path selects the model on Kie.</summary>
    public byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        if (options?.TopK is not null)
        {
            throw ChatJson.Unsupported(modelId, "OpenAI chat completions", nameof(ChatOptions.TopK), "the protocol has no top_k field");
        }

        return ChatBody.Write(w =>
        {
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
        });
    }

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message)
    {
        // Tool results are messages of their own in this protocol, one per call.
        foreach (var result in message.Contents.OfType<FunctionResultContent>())
        {
            w.WriteStartObject();
            w.WriteString("role", "tool");
            w.WriteString("tool_call_id", result.CallId);
            w.WriteString("content", ChatJson.ResultText(result.Result));
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
            ChatBody.WriteObjects(w, "content", parts, WritePart);
        }

        if (calls.Count > 0)
        {
            ChatBody.WriteObjects(w, "tool_calls", calls, (w, call) =>
            {
                w.WriteString("id", call.CallId);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", ChatJson.ArgumentsText(call));
                w.WriteEndObject();
            });
        }

        w.WriteEndObject();
    }

    /// <summary>Text as text parts; images, and any media (Kie's Gemini rule), as <c>image_url</c> parts.</summary>
    private static void WritePart(Utf8JsonWriter w, AIContent part)
    {
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
                throw ChatBody.Unsupported("chat-completions", part, "text, DataContent and UriContent parts");
        }
    }

    private void WriteOptions(Utf8JsonWriter w, ChatOptions options)
    {
        ChatJson.WriteSampling(w, options, "stop");
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

        ChatJson.WriteOpenAITools(w, options, nested: true);
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

        if (options.Reasoning is { } reasoning)
        {
            if (reasoning.Effort is { } effort)
            {
                // Kie documents reasoning_effort low and high for these models.
                w.WriteString("reasoning_effort", effort switch
                {
                    ReasoningEffort.Low => "low",
                    ReasoningEffort.High or ReasoningEffort.ExtraHigh => "high",
                    _ => throw ChatJson.Unsupported(modelId, "OpenAI chat completions", nameof(ChatOptions.Reasoning), $"Kie's reasoning_effort takes low or high, not {effort}"),
                });
            }

            if (reasoning.Output is { } output)
            {
                w.WriteBoolean("include_thoughts", output != ReasoningOutput.None);
            }
        }

        ChatJson.WriteAdditional(w, options.AdditionalProperties); // Kie's other fields
    }

    /// <summary>A non-streamed <c>chat.completion</c> object.</summary>
    public ChatResponse Response(JsonElement root)
    {
        var response = ChatJson.NewResponse(root, out var message);
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
                        message.Contents.Add(ChatJson.FunctionCall(
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

    private static void ReadHeader(JsonElement root, out string? id, out string? model, out DateTimeOffset? created)
    {
        id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        created = root.TryGetProperty("created", out var c) && c.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    private static ChatFinishReason? FinishReason(JsonElement choice) =>
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

    private static UsageDetails? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new UsageDetails
        {
            InputTokenCount = ChatJson.Count(usage, "prompt_tokens"),
            OutputTokenCount = ChatJson.Count(usage, "completion_tokens"),
            TotalTokenCount = ChatJson.Count(usage, "total_tokens"),
        };
    }

    public IChatStreamReader StartStream() => new Stream(modelId);

    /// <summary>The chunks of one answer: text deltas as they come; tool calls gathered by index and emitted whole at the finish.</summary>
    private sealed class Stream(string modelId) : IChatStreamReader
    {
        private readonly SortedDictionary<int, StreamedToolCall> _calls = new();

        public ChatResponseUpdate? Read(JsonElement root)
        {
            ReadHeader(root, out var id, out var model, out var created);
            var update = new ChatResponseUpdate { ResponseId = id, MessageId = id, ModelId = model ?? modelId, CreatedAt = created, RawRepresentation = root.Clone() };
            if (ChatJson.TryGetArray(root, "choices", out var choices))
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    if (ChatJson.TryGetObject(choice, "delta", out var delta))
                    {
                        if (ChatJson.Text(delta, "role") is { } role)
                        {
                            update.Role = new ChatRole(role);
                        }

                        if (ChatJson.Text(delta, "content") is { Length: > 0 } text)
                        {
                            update.Contents.Add(new TextContent(text));
                        }

                        if (ChatJson.TryGetArray(delta, "tool_calls", out var toolCalls))
                        {
                            foreach (var call in toolCalls.EnumerateArray())
                            {
                                var index = (int)(ChatJson.Count(call, "index") ?? 0);
                                if (!_calls.TryGetValue(index, out var streamed))
                                {
                                    _calls[index] = streamed = new StreamedToolCall();
                                }

                                Add(streamed, call);
                            }
                        }
                    }

                    if (FinishReason(choice) is { } finish)
                    {
                        update.FinishReason = finish;
                        foreach (var streamed in _calls.Values)
                        {
                            update.Contents.Add(streamed.ToContent());
                        }

                        _calls.Clear();
                    }
                }
            }

            if (Usage(root) is { } usage)
            {
                update.Contents.Add(new UsageContent(usage));
            }

            return ChatJson.UnlessEmpty(update);
        }

        /// <summary>A piece of a <c>tool_calls</c> delta: the id and name when it carries them, a slice of the arguments.</summary>
        private static void Add(StreamedToolCall streamed, JsonElement call)
        {
            if (ChatJson.Text(call, "id") is { Length: > 0 } id)
            {
                streamed.Id = id;
            }

            if (ChatJson.TryGetObject(call, "function", out var function))
            {
                if (ChatJson.Text(function, "name") is { Length: > 0 } name)
                {
                    streamed.Name = name;
                }

                if (ChatJson.Text(function, "arguments") is { } arguments)
                {
                    streamed.Arguments.Append(arguments);
                }
            }
        }
    }
}
