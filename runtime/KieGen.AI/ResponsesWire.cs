using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// The OpenAI Responses wire format Kie serves GPT 5.5 and later, Codex, Grok, Kimi and DeepSeek with
/// (<c>POST /codex/v1/responses</c>, <c>/grok/v1/responses</c>, <c>/openai/v1/responses</c>, <c>/api/v1/responses</c>).
/// Kie's pages give the request (<c>model</c>, <c>input</c> items with <c>input_text</c> / <c>input_image</c>,
/// <c>stream</c>, <c>reasoning.effort</c>, <c>tools</c>, <c>tool_choice</c>), the answer (<c>output</c> items
/// <c>reasoning</c> and <c>message</c> with <c>output_text</c>, <c>usage</c>, <c>status</c>) and the stream
/// (<c>response.output_text.delta</c>, <c>response.completed</c> with the usage, <c>[DONE]</c>). Function calls,
/// their results and the other stream events follow OpenAI's published protocol, which Kie's pages point to.
/// </summary>
internal sealed class ResponsesWire(string modelId) : IChatWire
{
    private const string Protocol = "OpenAI Responses";

    public byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        Refuse(options);
        return ChatBody.Write(w =>
        {
            w.WriteString("model", modelId);
            w.WriteBoolean("stream", stream);
            w.WriteStartArray("input");
            if (options?.Instructions is { } instructions)
            {
                WriteMessageItem(w, "system", [new TextContent(instructions)], assistant: false);
            }

            foreach (var message in messages)
            {
                WriteItems(w, message);
            }

            w.WriteEndArray();
            if (options is not null)
            {
                WriteOptions(w, options);
            }
        });
    }

    /// <summary>Options with no field in the protocol: refused by name before anything is sent.</summary>
    private void Refuse(ChatOptions? options)
    {
        var unsupported = options is null ? null
            : options.StopSequences is { Count: > 0 } ? nameof(ChatOptions.StopSequences)
            : options.TopK is not null ? nameof(ChatOptions.TopK)
            : options.Seed is not null ? nameof(ChatOptions.Seed)
            : options.FrequencyPenalty is not null ? nameof(ChatOptions.FrequencyPenalty)
            : options.PresencePenalty is not null ? nameof(ChatOptions.PresencePenalty)
            : null;
        if (unsupported is not null)
        {
            throw ChatJson.Unsupported(modelId, Protocol, unsupported, "the Responses protocol has no such field");
        }
    }

    /// <summary>A message becomes input items: its text and media as one message item, each tool call and result an item of its own.</summary>
    private static void WriteItems(Utf8JsonWriter w, ChatMessage message)
    {
        var parts = message.Contents.Where(c => c is TextContent or DataContent or UriContent).ToList();
        if (parts.Count > 0)
        {
            var assistant = message.Role == ChatRole.Assistant;
            WriteMessageItem(w, assistant ? "assistant" : message.Role == ChatRole.System ? "system" : "user", parts, assistant);
        }

        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case FunctionCallContent call:
                    w.WriteStartObject();
                    w.WriteString("type", "function_call");
                    w.WriteString("call_id", call.CallId);
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", ChatJson.ArgumentsText(call));
                    w.WriteEndObject();
                    break;
                case FunctionResultContent result:
                    w.WriteStartObject();
                    w.WriteString("type", "function_call_output");
                    w.WriteString("call_id", result.CallId);
                    w.WriteString("output", ChatJson.ResultText(result.Result));
                    w.WriteEndObject();
                    break;
                case TextContent or DataContent or UriContent or TextReasoningContent or UsageContent:
                    break; // written above, or the model's own output that the protocol does not take back
                default:
                    throw ChatBody.Unsupported(Protocol, content);
            }
        }
    }

    /// <summary>A message item: its role and its text and media parts.</summary>
    private static void WriteMessageItem(Utf8JsonWriter w, string role, IEnumerable<AIContent> parts, bool assistant) =>
        ChatBody.WriteTurn(w, role, "content", parts, (w, part) => WritePart(w, part, assistant));

    /// <summary>Text as <c>input_text</c> (<c>output_text</c> for the assistant's own turns); images as <c>input_image</c>, other media as <c>input_file</c>.</summary>
    private static void WritePart(Utf8JsonWriter w, AIContent part, bool assistant)
    {
        switch (part)
        {
            case TextContent text:
                w.WriteString("type", assistant ? "output_text" : "input_text");
                w.WriteString("text", text.Text);
                break;
            case DataContent data when data.HasTopLevelMediaType("image"):
                w.WriteString("type", "input_image");
                w.WriteString("image_url", data.Uri);
                break;
            case DataContent data:
                w.WriteString("type", "input_file");
                w.WriteString("filename", data.Name ?? "file");
                w.WriteString("file_data", data.Uri);
                break;
            case UriContent uri when uri.HasTopLevelMediaType("image"):
                w.WriteString("type", "input_image");
                w.WriteString("image_url", uri.Uri.ToString());
                break;
            case UriContent uri:
                w.WriteString("type", "input_file");
                w.WriteString("file_url", uri.Uri.ToString());
                break;
        }
    }

    private static void WriteOptions(Utf8JsonWriter w, ChatOptions options)
    {
        ChatJson.WriteSampling(w, options, stopField: null);
        if (options.MaxOutputTokens is { } max)
        {
            w.WriteNumber("max_output_tokens", max);
        }

        if (options.Reasoning is { } reasoning)
        {
            w.WriteStartObject("reasoning");
            if (reasoning.Effort is { } effort)
            {
                w.WriteString("effort", effort switch
                {
                    ReasoningEffort.None => "none",
                    ReasoningEffort.Low => "low",
                    ReasoningEffort.Medium => "medium",
                    ReasoningEffort.High => "high",
                    _ => "xhigh",
                });
            }

            if (reasoning.Output is ReasoningOutput.Summary or ReasoningOutput.Full)
            {
                w.WriteString("summary", reasoning.Output is ReasoningOutput.Full ? "detailed" : "auto");
            }

            w.WriteEndObject();
        }

        ChatJson.WriteOpenAITools(w, options, nested: false);
        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            w.WriteStartObject("text");
            w.WriteStartObject("format");
            if (json.Schema is { } schema)
            {
                w.WriteString("type", "json_schema");
                w.WriteString("name", json.SchemaName ?? "response");
                w.WritePropertyName("schema");
                schema.WriteTo(w);
            }
            else
            {
                w.WriteString("type", "json_object");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        ChatJson.WriteAdditional(w, options.AdditionalProperties); // reasoning as an object, include, ...
    }

    /// <summary>A whole response object: its output items in order, the finish from its status, the usage.</summary>
    public ChatResponse Response(JsonElement root)
    {
        var response = ChatJson.NewResponse(root, out var message);
        response.ResponseId = message.MessageId = ChatJson.Text(root, "id");
        response.ModelId = ChatJson.Text(root, "model");
        response.CreatedAt = Created(root);
        var calls = false;
        if (ChatJson.TryGetArray(root, "output", out var output))
        {
            foreach (var item in output.EnumerateArray())
            {
                switch (ChatJson.Text(item, "type"))
                {
                    case "message" when ChatJson.TryGetArray(item, "content", out var content):
                        foreach (var part in content.EnumerateArray())
                        {
                            if ((ChatJson.Text(part, "text") ?? ChatJson.Text(part, "refusal")) is { } text)
                            {
                                message.Contents.Add(new TextContent(text));
                            }
                        }

                        break;
                    case "function_call":
                        message.Contents.Add(Call(item));
                        calls = true;
                        break;
                    case "reasoning" when ChatJson.TryGetArray(item, "summary", out var summary):
                        foreach (var part in summary.EnumerateArray())
                        {
                            if (ChatJson.Text(part, "text") is { } text)
                            {
                                message.Contents.Add(new TextReasoningContent(text));
                            }
                        }

                        break;
                }
            }
        }

        response.FinishReason = Finish(root, calls);
        response.Usage = Usage(root);
        return response;
    }

    private static FunctionCallContent Call(JsonElement item) =>
        ChatJson.FunctionCall(ChatJson.Text(item, "call_id") ?? ChatJson.Text(item, "id") ?? "", ChatJson.Text(item, "name") ?? "", ChatJson.Text(item, "arguments"));

    private static DateTimeOffset? Created(JsonElement response) =>
        ChatJson.Count(response, "created_at") is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>Completed (Kie's pages send no status on the streamed response: completed too) or incomplete, and why.</summary>
    private static ChatFinishReason Finish(JsonElement response, bool calls) =>
        ChatJson.Text(response, "status") is "incomplete"
            ? ChatJson.TryGetObject(response, "incomplete_details", out var details) && ChatJson.Text(details, "reason") == "content_filter"
                ? ChatFinishReason.ContentFilter
                : ChatFinishReason.Length
            : calls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;

    private static UsageDetails? Usage(JsonElement response)
    {
        if (!ChatJson.TryGetObject(response, "usage", out var usage))
        {
            return null;
        }

        var input = ChatJson.Count(usage, "input_tokens");
        var output = ChatJson.Count(usage, "output_tokens");
        return new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = output,
            TotalTokenCount = ChatJson.Count(usage, "total_tokens") ?? input + output,
            CachedInputTokenCount = ChatJson.TryGetObject(usage, "input_tokens_details", out var inputDetails) ? ChatJson.Count(inputDetails, "cached_tokens") : null,
            ReasoningTokenCount = ChatJson.TryGetObject(usage, "output_tokens_details", out var outputDetails) ? ChatJson.Count(outputDetails, "reasoning_tokens") : null,
        };
    }

    public IChatStreamReader StartStream() => new Stream(modelId);

    /// <summary>
    /// The events of one response: text and reasoning deltas as they come; a function call gathered from its item
    /// and argument deltas and emitted whole when its item is done; the finish and usage from the final event.
    /// </summary>
    private sealed class Stream(string modelId) : IChatStreamReader
    {
        private readonly Dictionary<long, StreamedToolCall> _calls = new();
        private string? _id;
        private string? _model;
        private DateTimeOffset? _created;
        private bool _sawCall;

        public ChatResponseUpdate? Read(JsonElement data)
        {
            var update = new ChatResponseUpdate { RawRepresentation = data.Clone() };
            var index = ChatJson.Count(data, "output_index") ?? 0;
            switch (ChatJson.Text(data, "type"))
            {
                case "response.created" when ChatJson.TryGetObject(data, "response", out var response):
                    _id = ChatJson.Text(response, "id");
                    _model = ChatJson.Text(response, "model");
                    _created = Created(response);
                    update.Role = ChatRole.Assistant;
                    break;
                case "response.output_item.added" when ChatJson.TryGetObject(data, "item", out var item) && ChatJson.Text(item, "type") == "function_call":
                    _calls[index] = new StreamedToolCall(ChatJson.Text(item, "call_id") ?? ChatJson.Text(item, "id") ?? "", ChatJson.Text(item, "name") ?? "");
                    _calls[index].Arguments.Append(ChatJson.Text(item, "arguments"));
                    break;
                case "response.function_call_arguments.delta" when _calls.TryGetValue(index, out var call):
                    call.Arguments.Append(ChatJson.Text(data, "delta"));
                    break;
                case "response.output_item.done" when ChatJson.TryGetObject(data, "item", out var item) && ChatJson.Text(item, "type") == "function_call":
                    // The finished item carries the whole arguments; the deltas are the fallback.
                    _calls.Remove(index, out var gathered);
                    update.Contents.Add(ChatJson.Text(item, "arguments") is not null || gathered is null ? Call(item) : gathered.ToContent());
                    _sawCall = true;
                    break;
                case "response.output_text.delta" when ChatJson.Text(data, "delta") is { Length: > 0 } delta:
                    update.Contents.Add(new TextContent(delta));
                    break;
                case "response.reasoning_summary_text.delta" or "response.reasoning_text.delta" when ChatJson.Text(data, "delta") is { Length: > 0 } delta:
                    update.Contents.Add(new TextReasoningContent(delta));
                    break;
                case "response.completed" or "response.incomplete":
                    var final = ChatJson.TryGetObject(data, "response", out var done) ? done : default;
                    update.FinishReason = Finish(final, _sawCall);
                    if (Usage(final) is { } usage)
                    {
                        update.Contents.Add(new UsageContent(usage));
                    }

                    break;
                case "response.failed":
                    var failed = ChatJson.TryGetObject(data, "response", out var r) && ChatJson.TryGetObject(r, "error", out var e) ? e : default;
                    throw ChatJson.Failure(modelId, HttpStatusCode.OK, null, ChatJson.Text(failed, "message") ?? ChatJson.Text(failed, "code") ?? "the response failed");
                case "error":
                    throw ChatJson.Failure(modelId, HttpStatusCode.OK, null, ChatJson.Text(data, "message") ?? ChatJson.Text(data, "code"));
            }

            if (ChatJson.UnlessEmpty(update) is null)
            {
                return null;
            }

            update.ResponseId = update.MessageId = _id;
            update.ModelId = _model ?? modelId;
            update.CreatedAt = _created;
            update.Role ??= ChatRole.Assistant;
            return update;
        }
    }
}
