using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// An <see cref="IChatClient"/> over one of Kie's chat models (synchronous calls, no tasks), non-streaming and
/// streaming (SSE), with tool calls and usage, through the <see cref="IKieClient"/> and its key. Implements Kie's
/// OpenAI chat-completions protocol (Gemini, GPT 5.2) and Anthropic Messages (Claude); a model of another protocol
/// (OpenAI Responses, Gemini native) is refused with a <see cref="NotSupportedException"/> naming the protocol. Kie's own body fields
/// (<c>reasoning_effort</c>, <c>include_thoughts</c>) go in <see cref="ChatOptions.AdditionalProperties"/>.
/// </summary>
public sealed class KieChatClient : IChatClient
{
    private readonly IKieClient _client;
    private readonly KieChatModel _model;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates a client for one of Kie's chat models by id (<see cref="KieChatModel.All"/>).</summary>
    public KieChatClient(IKieClient client, string modelId)
        : this(client, KieChatModel.Get(modelId))
    {
    }

    /// <summary>Creates a client for a chat model given with its protocol and path.</summary>
    /// <exception cref="NotSupportedException">The model speaks a protocol this client does not implement.</exception>
    public KieChatClient(IKieClient client, KieChatModel model)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(model);
        if (model.Protocol is not (KieChatProtocol.OpenAIChatCompletions or KieChatProtocol.AnthropicMessages))
        {
            throw new NotSupportedException(
                $"Model '{model.ModelId}' speaks Kie's {model.Protocol} protocol ({model.Path}), which KieChatClient does not implement yet; " +
                $"it implements {KieChatProtocol.OpenAIChatCompletions} and {KieChatProtocol.AnthropicMessages} ({string.Join(", ", KieChatModel.All.Where(m => m.Protocol is KieChatProtocol.OpenAIChatCompletions or KieChatProtocol.AnthropicMessages).Select(m => m.ModelId))}).");
        }

        _client = client;
        _model = model;
        _metadata = new ChatClientMetadata("kie", client.BaseAddress, model.ModelId);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = Body(messages, options, stream: false);
        using var response = await _client.SendChatAsync(_model.Path, body, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = Parse(response.StatusCode, bytes);
        ThrowIfError(response.StatusCode, document.RootElement);
        var result = Response(document.RootElement);
        result.ModelId ??= _model.ModelId;
        return result;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = Body(messages, options, stream: true);
        using var response = await _client.SendChatAsync(_model.Path, body, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            // An error, or a model that answered in one piece: read it whole.
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = Parse(response.StatusCode, bytes);
            ThrowIfError(response.StatusCode, document.RootElement);
            foreach (var update in Response(document.RootElement).ToChatResponseUpdates())
            {
                yield return update;
            }

            yield break;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var calls = new SortedDictionary<int, ToolCallBuilder>();
        var anthropic = _model.Protocol == KieChatProtocol.AnthropicMessages ? new AnthropicMessagesWire.Stream(_model.ModelId) : null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue; // blank separators, comments, event names
            }

            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                yield break;
            }

            using var chunk = JsonDocument.Parse(data.ToString());
            ThrowIfError(response.StatusCode, chunk.RootElement);
            if ((anthropic is null ? StreamUpdate(chunk.RootElement, calls) : anthropic.Read(chunk.RootElement)) is { } update)
            {
                yield return update;
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : typeof(IKieClient).IsAssignableFrom(serviceType) && serviceType.IsInstanceOfType(_client) ? _client
            : serviceType == typeof(KieChatModel) ? _model
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The client belongs to whoever created it (usually the service provider).
    }

    private byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.ModelId is { } modelId && modelId != _model.ModelId)
        {
            throw new ArgumentException($"This client talks to '{_model.ModelId}'; ChatOptions.ModelId '{modelId}' would need another endpoint. Register a client per model (keyed services).", nameof(options));
        }

        if (_model.Protocol == KieChatProtocol.AnthropicMessages)
        {
            return AnthropicMessagesWire.Body(_model.ModelId, messages, options, stream);
        }

        if (options?.TopK is not null)
        {
            throw new ArgumentException($"Model '{_model.ModelId}' (OpenAI chat completions) has no top_k parameter, so it cannot honour ChatOptions.TopK.", nameof(options));
        }

        return ChatCompletionsWire.Body(messages, options, stream);
    }

    private ChatResponse Response(JsonElement root) =>
        _model.Protocol == KieChatProtocol.AnthropicMessages ? AnthropicMessagesWire.Response(root) : ChatCompletionsWire.Response(root);

    /// <summary>One SSE chunk: text deltas as they come; tool calls gathered by index and emitted whole at the finish.</summary>
    private ChatResponseUpdate? StreamUpdate(JsonElement root, SortedDictionary<int, ToolCallBuilder> calls)
    {
        ChatCompletionsWire.ReadHeader(root, out var id, out var model, out var created);
        var update = new ChatResponseUpdate { ResponseId = id, MessageId = id, ModelId = model ?? _model.ModelId, CreatedAt = created, RawRepresentation = root.Clone() };
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
                {
                    if (delta.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String)
                    {
                        update.Role = new ChatRole(role.GetString()!);
                    }

                    if (delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } text)
                    {
                        update.Contents.Add(new TextContent(text));
                    }

                    if (delta.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var call in toolCalls.EnumerateArray())
                        {
                            var index = call.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : 0;
                            if (!calls.TryGetValue(index, out var builder))
                            {
                                calls[index] = builder = new ToolCallBuilder();
                            }

                            builder.Add(call);
                        }
                    }
                }

                if (ChatCompletionsWire.FinishReason(choice) is { } finish)
                {
                    update.FinishReason = finish;
                    foreach (var builder in calls.Values)
                    {
                        update.Contents.Add(ChatCompletionsWire.FunctionCall(builder.Id, builder.Name, builder.Arguments.ToString()));
                    }

                    calls.Clear();
                }
            }
        }

        if (ChatCompletionsWire.Usage(root) is { } usage)
        {
            update.Contents.Add(new UsageContent(usage));
        }

        return update.Role is null && update.FinishReason is null && update.Contents.Count == 0 ? null : update;
    }

    private JsonDocument Parse(HttpStatusCode status, byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new KieApiException($"Kie's chat endpoint for '{_model.ModelId}' answered HTTP {(int)status} with a body that is not JSON.", status, null, null, inner: e);
        }
    }

    /// <summary>Kie's errors: HTTP not 2xx, an <c>error</c> object (OpenAI style, also mid-stream), or a body <c>code</c> other than 200.</summary>
    private void ThrowIfError(HttpStatusCode status, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        int? code = null;
        string? message = null;
        if (root.TryGetProperty("error", out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            message = error.ValueKind == JsonValueKind.String ? error.GetString() : error.TryGetProperty("message", out var m) ? m.GetString() : error.GetRawText();
            code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
        }
        else if (root.TryGetProperty("code", out var bodyCode) && bodyCode.TryGetInt32(out var value) && value != 200 && !root.TryGetProperty("choices", out _))
        {
            code = value;
            message = root.TryGetProperty("msg", out var msg) ? msg.GetString() : root.TryGetProperty("message", out var text) ? text.GetString() : null;
        }
        else if ((int)status is >= 200 and < 300)
        {
            return;
        }

        throw new KieApiException($"Kie's chat model '{_model.ModelId}' failed (HTTP {(int)status}{(code is null ? "" : ", code " + code)}): {message ?? "no message"}", status, code, message);
    }

    /// <summary>A streamed tool call: id and name from its first piece, arguments concatenated over the pieces.</summary>
    private sealed class ToolCallBuilder
    {
        public string Id { get; private set; } = "";

        public string Name { get; private set; } = "";

        public StringBuilder Arguments { get; } = new();

        public void Add(JsonElement call)
        {
            if (call.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } callId)
            {
                Id = callId;
            }

            if (call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
            {
                if (function.TryGetProperty("name", out var name) && name.GetString() is { Length: > 0 } text)
                {
                    Name = text;
                }

                if (function.TryGetProperty("arguments", out var arguments) && arguments.ValueKind == JsonValueKind.String)
                {
                    Arguments.Append(arguments.GetString());
                }
            }
        }
    }
}
