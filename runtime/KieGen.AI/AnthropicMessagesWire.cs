using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// The Anthropic Messages wire format Kie serves its Claude models with (<c>POST /claude/v1/messages</c>): request
/// bodies from the abstractions, answers and streamed events (<c>message_start</c>, <c>content_block_*</c> with
/// text and <c>input_json_delta</c>, <c>message_delta</c>, <c>message_stop</c>) back into them.
/// </summary>
internal sealed class AnthropicMessagesWire(string modelId) : IChatWire
{
    /// <summary>Kie's default when the caller sets no <see cref="ChatOptions.MaxOutputTokens"/> (the field is required).</summary>
    public const int DefaultMaxTokens = 4096;

    public byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var list = messages.ToList();
        var system = ChatBody.SystemText(options, list);
        return ChatBody.Write(w =>
        {
            w.WriteString("model", modelId);
            w.WriteNumber("max_tokens", options?.MaxOutputTokens ?? DefaultMaxTokens);
            w.WriteBoolean("stream", stream);
            if (system.Length > 0)
            {
                w.WriteString("system", system);
            }

            w.WriteStartArray("messages");
            foreach (var message in list.Where(m => m.Role != ChatRole.System))
            {
                // Tool results go back as tool_result blocks of a user message, as the protocol wants.
                ChatBody.WriteTurn(w, message.Role == ChatRole.Assistant ? "assistant" : "user", "content", message.Contents, WriteBlock);
            }

            w.WriteEndArray();
            if (options is not null)
            {
                WriteOptions(w, options);
            }
        });
    }

    /// <summary>One content block: text, an image or document (base64 or URL), a tool use, a tool result.</summary>
    private static void WriteBlock(Utf8JsonWriter w, AIContent content)
    {
        switch (content)
        {
            case TextContent text:
                w.WriteString("type", "text");
                w.WriteString("text", text.Text);
                break;
            case DataContent data:
                w.WriteString("type", data.HasTopLevelMediaType("image") ? "image" : "document");
                w.WriteStartObject("source");
                w.WriteString("type", "base64");
                w.WriteString("media_type", data.MediaType);
                w.WriteString("data", Convert.ToBase64String(data.Data.Span));
                w.WriteEndObject();
                break;
            case UriContent uri:
                w.WriteString("type", uri.HasTopLevelMediaType("image") ? "image" : "document");
                w.WriteStartObject("source");
                w.WriteString("type", "url");
                w.WriteString("url", uri.Uri.ToString());
                w.WriteEndObject();
                break;
            case FunctionCallContent call:
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.CallId);
                w.WriteString("name", call.Name);
                w.WritePropertyName("input");
                ChatJson.WriteArguments(w, call);
                break;
            case FunctionResultContent result:
                w.WriteString("type", "tool_result");
                w.WriteString("tool_use_id", result.CallId);
                w.WriteString("content", ChatJson.ResultText(result.Result));
                break;
            default:
                throw ChatBody.Unsupported("Anthropic Messages", content);
        }
    }

    private void WriteOptions(Utf8JsonWriter w, ChatOptions options)
    {
        ChatJson.WriteSampling(w, options, "stop_sequences");
        if (options.TopK is { } topK)
        {
            w.WriteNumber("top_k", topK);
        }

        var functions = ChatBody.Functions(options);
        if (functions.Count > 0 && options.ToolMode is not NoneChatToolMode)
        {
            ChatBody.WriteObjects(w, "tools", functions, (w, function) => ChatJson.WriteFunction(w, function, "input_schema"));
            switch (options.ToolMode)
            {
                case RequiredChatToolMode { RequiredFunctionName: { } name }:
                    w.WriteStartObject("tool_choice");
                    w.WriteString("type", "tool");
                    w.WriteString("name", name);
                    w.WriteEndObject();
                    break;
                case RequiredChatToolMode:
                    w.WriteStartObject("tool_choice");
                    w.WriteString("type", "any");
                    w.WriteEndObject();
                    break;
            }
        }

        if (options.Reasoning is { } reasoning)
        {
            // Kie's Claude endpoint has one switch for extended thinking, thinkingFlag: any effort turns it on.
            if (reasoning.Output is not null)
            {
                throw ChatJson.Unsupported(modelId, "Anthropic Messages", nameof(ChatOptions.Reasoning) + "." + nameof(ReasoningOptions.Output), "Kie's Claude endpoint has only the thinkingFlag switch");
            }

            if (reasoning.Effort is { } effort)
            {
                w.WriteBoolean("thinkingFlag", effort != ReasoningEffort.None);
            }
        }

        ChatJson.WriteAdditional(w, options.AdditionalProperties); // output_config, ...
    }

    /// <summary>A non-streamed message object.</summary>
    public ChatResponse Response(JsonElement root)
    {
        var response = ChatJson.NewResponse(root, out var message);
        response.ResponseId = message.MessageId = Text(root, "id");
        response.ModelId = Text(root, "model");
        if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                switch (Text(block, "type"))
                {
                    case "text":
                        message.Contents.Add(new TextContent(Text(block, "text")));
                        break;
                    case "tool_use":
                        message.Contents.Add(ChatJson.FunctionCall(Text(block, "id") ?? "", Text(block, "name") ?? "",
                            block.TryGetProperty("input", out var input) ? input.GetRawText() : null));
                        break;
                }
            }
        }

        response.FinishReason = FinishReason(Text(root, "stop_reason"));
        response.Usage = Usage(root);
        return response;
    }

    private static ChatFinishReason? FinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "refusal" => ChatFinishReason.ContentFilter,
        var other => new ChatFinishReason(other),
    };

    private static UsageDetails? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var input = Count(usage, "input_tokens");
        var output = Count(usage, "output_tokens");
        return new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = output,
            TotalTokenCount = input + output,
            CachedInputTokenCount = Count(usage, "cache_read_input_tokens"),
        };
    }

    private static long? Count(JsonElement o, string name) => ChatJson.Count(o, name);

    private static string? Text(JsonElement o, string name) => ChatJson.Text(o, name);

    public IChatStreamReader StartStream() => new Stream(modelId);

    /// <summary>The state of one streamed message: its id and model, tool blocks by index, the input token count.</summary>
    private sealed class Stream(string modelId) : IChatStreamReader
    {
        private readonly SortedDictionary<int, StreamedToolCall> _tools = new();
        private string? _id;
        private string? _model;
        private long? _inputTokens;

        /// <summary>The update one event makes, or null when it changes nothing the caller sees.</summary>
        public ChatResponseUpdate? Read(JsonElement data)
        {
            var update = new ChatResponseUpdate { ResponseId = _id, MessageId = _id, ModelId = _model ?? modelId, RawRepresentation = data.Clone() };
            switch (Text(data, "type"))
            {
                case "message_start" when data.TryGetProperty("message", out var message):
                    _id = update.ResponseId = update.MessageId = Text(message, "id");
                    _model = update.ModelId = Text(message, "model") ?? modelId;
                    _inputTokens = message.TryGetProperty("usage", out var startUsage) ? Count(startUsage, "input_tokens") : null;
                    update.Role = ChatRole.Assistant;
                    break;
                case "content_block_start" when data.TryGetProperty("content_block", out var block) && Text(block, "type") == "tool_use":
                    _tools[Index(data)] = new StreamedToolCall(Text(block, "id") ?? "", Text(block, "name") ?? "");
                    break;
                case "content_block_delta" when data.TryGetProperty("delta", out var delta):
                    if (Text(delta, "type") == "text_delta" && Text(delta, "text") is { Length: > 0 } text)
                    {
                        update.Contents.Add(new TextContent(text));
                    }
                    else if (Text(delta, "type") == "input_json_delta" && _tools.TryGetValue(Index(data), out var tool))
                    {
                        tool.Arguments.Append(Text(delta, "partial_json"));
                    }

                    break;
                case "content_block_stop" when _tools.Remove(Index(data), out var done):
                    update.Contents.Add(done.ToContent());
                    break;
                case "message_delta":
                    if (data.TryGetProperty("delta", out var messageDelta))
                    {
                        update.FinishReason = FinishReason(Text(messageDelta, "stop_reason"));
                    }

                    if (data.TryGetProperty("usage", out var usage) && Count(usage, "output_tokens") is { } output)
                    {
                        update.Contents.Add(new UsageContent(new UsageDetails
                        {
                            InputTokenCount = _inputTokens,
                            OutputTokenCount = output,
                            TotalTokenCount = _inputTokens + output,
                        }));
                    }

                    break;
            }

            return ChatJson.UnlessEmpty(update);
        }

        private static int Index(JsonElement data) => data.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : 0;
    }
}
