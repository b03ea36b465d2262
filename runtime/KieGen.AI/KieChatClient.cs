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
/// streaming (SSE), with tool calls and usage, through the <see cref="KieClient"/> and its key. Speaks each of Kie's
/// four chat protocols: OpenAI chat completions (Gemini, GPT 5.2), Anthropic Messages (Claude), OpenAI Responses
/// (GPT 5.5 and later, Grok, Kimi, DeepSeek) and Gemini native. Kie's own body fields (<c>reasoning_effort</c>,
/// <c>include_thoughts</c>, <c>reasoning</c>, <c>generationConfig</c>) go in <see cref="ChatOptions.AdditionalProperties"/>;
/// an option the model's protocol has no field for is refused with an <see cref="ArgumentException"/>, never dropped.
/// </summary>
public sealed class KieChatClient : IChatClient
{
    private readonly KieClient _client;
    private readonly KieChatModel _model;
    private readonly IChatWire _wire;
    private ChatClientMetadata? _metadata;

    /// <summary>Creates a client for one of Kie's chat models by id (<see cref="KieChatModel.All"/>).</summary>
    public KieChatClient(KieClient client, string modelId)
        : this(client, KieChatModel.Get(modelId))
    {
    }

    /// <summary>Creates a client for a chat model given with its protocol and path.</summary>
    /// <exception cref="NotSupportedException">The model names a protocol value that is not one of <see cref="KieChatProtocol"/>.</exception>
    public KieChatClient(KieClient client, KieChatModel model)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(model);
        _wire = IChatWire.For(model);
        _client = client;
        _model = model;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(messages, options, stream: false, cancellationToken).ConfigureAwait(false);
        if (IsEventStream(response))
        {
            // An endpoint that streams whatever it is asked (Gemini's streamGenerateContent): gather the events.
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in ReadEventsAsync(response, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
            }

            var gathered = updates.ToChatResponse();
            gathered.ModelId ??= _model.ModelId;
            return gathered;
        }

        var result = await ReadWholeAsync(response, cancellationToken).ConfigureAwait(false);
        result.ModelId ??= _model.ModelId;
        return result;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(messages, options, stream: true, cancellationToken).ConfigureAwait(false);
        if (!IsEventStream(response))
        {
            // An error, or a model that answered in one piece.
            foreach (var update in (await ReadWholeAsync(response, cancellationToken).ConfigureAwait(false)).ToChatResponseUpdates())
            {
                yield return update;
            }

            yield break;
        }

        await foreach (var update in ReadEventsAsync(response, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            // Made on first request: the constructor reads nothing from the client, so registering a test's client never fails.
            : serviceType == typeof(ChatClientMetadata) ? _metadata ??= new ChatClientMetadata("kie", _client.BaseAddress, _model.ModelId)
            : typeof(KieClient).IsAssignableFrom(serviceType) && serviceType.IsInstanceOfType(_client) ? _client
            : serviceType == typeof(KieChatModel) ? _model
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The client belongs to whoever created it (usually the service provider).
    }

    private Task<HttpResponseMessage> SendAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.ModelId is { } modelId && modelId != _model.ModelId)
        {
            throw new ArgumentException($"This client talks to '{_model.ModelId}'; ChatOptions.ModelId '{modelId}' would need another endpoint. Register a client per model (keyed services).", nameof(options));
        }

        var body = _wire.Body(messages, options, stream);
        if (options?.AdditionalProperties is { Count: > 0 })
        {
            ChatJson.RefuseDuplicates(_model.ModelId, body);
        }

        return _client.SendChatAsync(_model.Path, body, cancellationToken);
    }

    private static bool IsEventStream(HttpResponseMessage response) =>
        response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream";

    private async Task<ChatResponse> ReadWholeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = Parse(response.StatusCode, bytes);
        ThrowIfError(response.StatusCode, document.RootElement);
        if (document.RootElement.ValueKind == JsonValueKind.Array)
        {
            // A stream sent as one JSON array of its chunks (Gemini without SSE).
            var reader = _wire.StartStream();
            var updates = new List<ChatResponseUpdate>();
            foreach (var chunk in document.RootElement.EnumerateArray())
            {
                ThrowIfError(response.StatusCode, chunk);
                if (reader.Read(chunk) is { } update)
                {
                    updates.Add(update);
                }
            }

            return updates.ToChatResponse();
        }

        return _wire.Response(document.RootElement);
    }

    /// <summary>The SSE events' data, one update each; <c>[DONE]</c> ends the stream, an error event throws.</summary>
    private async IAsyncEnumerable<ChatResponseUpdate> ReadEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var events = _wire.StartStream();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue; // blank separators, comments, event names (the data names its type too)
            }

            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                yield break;
            }

            using var chunk = JsonDocument.Parse(data.ToString());
            ThrowIfError(response.StatusCode, chunk.RootElement);
            if (events.Read(chunk.RootElement) is { } update)
            {
                yield return update;
            }
        }
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
            code = (int?)ChatJson.Count(error, "code"); // a number on Kie and Gemini, a word (not kept) on OpenAI
        }
        else if (ChatJson.Count(root, "code") is { } value && value != 200 && !root.TryGetProperty("choices", out _))
        {
            code = (int)value;
            message = root.TryGetProperty("msg", out var msg) ? msg.GetString() : root.TryGetProperty("message", out var text) ? text.GetString() : null;
        }
        else if ((int)status is >= 200 and < 300)
        {
            return;
        }

        throw ChatJson.Failure(_model.ModelId, status, code, message);
    }
}
