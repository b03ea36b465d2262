using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace KieGen.Testing;

/// <summary>
/// Kie's synchronous chat models, OpenAI chat-completions protocol (<c>POST /&lt;model&gt;/v1/chat/completions</c>):
/// canned deterministic answers, a call of the first tool when tools are offered and no tool result came back yet,
/// usage counted in words, <c>credits_consumed</c>, and SSE streaming when <c>stream</c> is true, with an optional error
/// mid-stream; without <c>stream</c> one JSON object, as Kie answered in recorded traffic.
/// </summary>
public sealed partial class FakeKieServer
{
    private const string ChatCompletionsSuffix = "/v1/chat/completions";
    private int _chatStreamFailAfter = -1;

    /// <summary>Ids of the chat completions the fake answered, in order.</summary>
    public IReadOnlyList<string> ChatCompletionIds
    {
        get
        {
            lock (_gate)
            {
                return _chatIds.ToArray();
            }
        }
    }

    private readonly List<string> _chatIds = new();

    /// <summary>
    /// Makes the next streamed chat answer send <paramref name="chunks"/> chunks, then an SSE <c>error</c> event
    /// (<c>{"error": {"code": 500, "message": ...}}</c>) and end without <c>[DONE]</c>, as a broken upstream does.
    /// </summary>
    public void FailNextChatStream(int chunks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);
        lock (_gate)
        {
            _chatStreamFailAfter = chunks;
        }
    }

    /// <summary>
    /// The chat protocol serving a path, or null: chat completions here, Anthropic Messages, OpenAI Responses and
    /// Gemini native in FakeKieServer.Messages.cs, .Responses.cs and .Gemini.cs.
    /// </summary>
    private Func<HttpContext, string, Task>? ChatRoute(string path) =>
        path == MessagesPath ? MessagesAsync
        : IsChatCompletionsPath(path) ? (context, body) => ChatCompletionsAsync(context, path, body)
        : IsResponsesPath(path) ? ResponsesAsync
        : GeminiModel(path) is { } model ? (context, body) => GeminiAsync(context, model, body)
        : null;

    private static bool IsChatCompletionsPath(string path) =>
        path.EndsWith(ChatCompletionsSuffix, StringComparison.Ordinal) && path.Length > ChatCompletionsSuffix.Length + 1 &&
        path.IndexOf('/', 1) == path.Length - ChatCompletionsSuffix.Length;

    private Task ChatCompletionsAsync(HttpContext context, string path, string body)
    {
        var model = path[1..^ChatCompletionsSuffix.Length]; // the path selects the model
        if (_options.ChatModels.Count > 0 && !_options.ChatModels.Contains(model))
        {
            return UnsupportedChatModelAsync(context);
        }

        return ServeChatAsync(context, body, new ChatProtocol(
            "chatcmpl-fake-",
            "messages is required and must list at least one message",
            StreamsByDefault: false,
            root => root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
                ? (model, Answer(root, messages))
                : null,
            (id, name, created, answer) => Json(w => WriteCompletion(w, id, name, created, answer)),
            (id, name, created, answer) => Chunks(id, name, created, answer).Select(c => ((string?)null, c)).Append((null, "[DONE]"u8.ToArray())),
            (null, Json(w => WriteError(w, 500, "Upstream model failed mid-stream")))));
    }

    /// <summary>
    /// Serves one chat call of any protocol: reads the body, answers whole or as SSE events as <c>stream</c> (or the
    /// protocol's default) says, and ends a stream with the protocol's error event where <see cref="FailNextChatStream"/> says.
    /// </summary>
    private async Task ServeChatAsync(HttpContext context, string body, ChatProtocol protocol)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            await ChatErrorAsync(context, 400, "Request body is not valid JSON: " + e.Message).ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if ((root.ValueKind == JsonValueKind.Object ? protocol.Read(root) : null) is not { } turn)
            {
                await ChatErrorAsync(context, 422, protocol.Invalid).ConfigureAwait(false);
                return;
            }

            string id;
            var failAfter = -1;
            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? s.ValueKind == JsonValueKind.True
                : protocol.StreamsByDefault;
            lock (_gate)
            {
                id = protocol.IdPrefix + (_chatIds.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _chatIds.Add(id);
                if (stream)
                {
                    (failAfter, _chatStreamFailAfter) = (_chatStreamFailAfter, -1);
                }
            }

            await LatencyAsync(context).ConfigureAwait(false); // the answer's way
            var created = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
            if (!stream)
            {
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(protocol.Whole(id, turn.Model, created, turn.Answer)).ConfigureAwait(false);
                return;
            }

            context.Response.ContentType = "text/event-stream";
            var events = protocol.Events(id, turn.Model, created, turn.Answer).ToList();
            for (var i = 0; i < events.Count; i++)
            {
                var (name, data) = i == failAfter ? protocol.Failure : events[i];
                if (name is not null)
                {
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("event: " + name + "\n")).ConfigureAwait(false);
                }

                await SseAsync(context, data).ConfigureAwait(false);
                if (i == failAfter)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The canned answer: a tool call, a reply to a tool result, or an echo of the last user text.</summary>
    private static ChatAnswer Answer(JsonElement root, JsonElement messages)
    {
        var promptWords = 0;
        JsonElement last = default;
        foreach (var message in messages.EnumerateArray())
        {
            promptWords += Words(ContentText(message));
            last = message;
        }

        var lastRole = last.ValueKind == JsonValueKind.Object && last.TryGetProperty("role", out var role) ? role.GetString() : null;
        if (lastRole != "tool" && root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array &&
            tools.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } tool &&
            tool.TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name))
        {
            var arguments = Encoding.UTF8.GetString(Json(w => WriteArguments(w, function)));
            return new ChatAnswer(null, new ChatToolCall("call_fake_1", name.GetString() ?? "", arguments), promptWords, 1);
        }

        var text = lastRole == "tool" ? "The tool answered: " + ContentText(last) : "Fake answer to: " + ContentText(last);
        return new ChatAnswer(text, null, promptWords, Words(text));
    }

    /// <summary>Deterministic arguments from the tool's JSON schema: strings "fake", numbers 1, booleans true.</summary>
    private static void WriteArguments(Utf8JsonWriter writer, JsonElement function)
    {
        writer.WriteStartObject();
        if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object &&
            parameters.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                // Lower case in JSON Schema, capitals in Gemini's schema subset.
                var type = property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("type", out var t) ? t.GetString()?.ToLowerInvariant() : null;
                writer.WritePropertyName(property.Name);
                switch (type)
                {
                    case "integer" or "number":
                        writer.WriteNumberValue(1);
                        break;
                    case "boolean":
                        writer.WriteBooleanValue(true);
                        break;
                    default:
                        writer.WriteStringValue("fake");
                        break;
                }
            }
        }

        writer.WriteEndObject();
    }

    private static string ContentText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
        {
            return "";
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? "",
            JsonValueKind.Array => string.Join(" ", content.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out _))
                .Select(p => p.GetProperty("text").GetString())),
            _ => "",
        };
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static void WriteCompletion(Utf8JsonWriter w, string id, string model, long created, ChatAnswer answer)
    {
        w.WriteStartObject();
        WriteHeader(w, id, "chat.completion", model, created);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (answer.Text is null)
        {
            w.WriteNull("content");
        }
        else
        {
            w.WriteString("content", answer.Text);
        }

        if (answer.ToolCall is { } call)
        {
            w.WriteStartArray("tool_calls");
            WriteToolCall(w, call, call.Arguments, index: null);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteString("finish_reason", answer.FinishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, answer);
        w.WriteNumber("credits_consumed", ChatCredits); // Kie adds what the call cost
        w.WriteEndObject();
    }

    /// <summary>What the fake charges per chat call, reported as <c>credits_consumed</c> (Kie's recorded answers: 0.01-0.02).</summary>
    private const double ChatCredits = 0.01;

    /// <summary>
    /// The SSE chunks: role, content word by word (or the tool call in two argument pieces), then the finish reason
    /// with the usage on the last chunk, as Kie's Gemini models send it.
    /// </summary>
    private static IEnumerable<byte[]> Chunks(string id, string model, long created, ChatAnswer answer)
    {
        byte[] Chunk(Action<Utf8JsonWriter> delta, string? finish) => Json(w =>
        {
            w.WriteStartObject();
            WriteHeader(w, id, "chat.completion.chunk", model, created);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
            if (finish is null)
            {
                w.WriteNull("finish_reason");
            }
            else
            {
                w.WriteString("finish_reason", finish);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            if (finish is not null)
            {
                WriteUsage(w, answer);
            }

            w.WriteEndObject();
        });

        yield return Chunk(w => w.WriteString("role", "assistant"), null);
        if (answer.ToolCall is { } call)
        {
            var half = call.Arguments.Length / 2;
            yield return Chunk(w => { w.WriteStartArray("tool_calls"); WriteToolCall(w, call, call.Arguments[..half], index: 0); w.WriteEndArray(); }, null);
            yield return Chunk(w =>
            {
                w.WriteStartArray("tool_calls");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("function");
                w.WriteString("arguments", call.Arguments[half..]);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }, null);
        }
        else
        {
            var words = answer.Text!.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                var piece = i == 0 ? words[i] : " " + words[i];
                yield return Chunk(w => w.WriteString("content", piece), null);
            }
        }

        yield return Chunk(_ => { }, answer.FinishReason);
    }

    private static void WriteHeader(Utf8JsonWriter w, string id, string kind, string model, long created)
    {
        w.WriteString("id", id);
        w.WriteString("object", kind);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
    }

    private static void WriteToolCall(Utf8JsonWriter w, ChatToolCall call, string arguments, int? index)
    {
        w.WriteStartObject();
        if (index is { } i)
        {
            w.WriteNumber("index", i);
        }

        w.WriteString("id", call.Id);
        w.WriteString("type", "function");
        w.WriteStartObject("function");
        w.WriteString("name", call.Name);
        w.WriteString("arguments", arguments);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, ChatAnswer answer)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", answer.PromptTokens);
        w.WriteNumber("completion_tokens", answer.CompletionTokens);
        w.WriteNumber("total_tokens", answer.PromptTokens + answer.CompletionTokens);
        w.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter w, int code, string message)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Kie's recorded answer to a chat path whose model it does not serve: HTTP 200, code 422, in its envelope.</summary>
    private async Task UnsupportedChatModelAsync(HttpContext context)
    {
        await LatencyAsync(context).ConfigureAwait(false); // the answer's way
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Reply.Error(422, "The model is not supported").Body(messageInsteadOfMsg: false)).ConfigureAwait(false);
    }

    private async Task ChatErrorAsync(HttpContext context, int status, string message)
    {
        await LatencyAsync(context).ConfigureAwait(false); // the answer's way
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Json(w => WriteError(w, status, message))).ConfigureAwait(false);
    }

    private static async Task SseAsync(HttpContext context, byte[] data)
    {
        await context.Response.Body.WriteAsync("data: "u8.ToArray()).ConfigureAwait(false);
        await context.Response.Body.WriteAsync(data).ConfigureAwait(false);
        await context.Response.Body.WriteAsync("\n\n"u8.ToArray()).ConfigureAwait(false);
        await context.Response.Body.FlushAsync().ConfigureAwait(false);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One protocol's side of a chat call: the id prefix, the error for an unreadable body, whether it streams when the
    /// body does not say (Messages and Gemini do; chat completions did not in recorded traffic; Responses does not), how to read the model
    /// and the canned answer (null when the body lacks what the protocol requires), and how to write the answer whole,
    /// as SSE events (name, data), and the error event that breaks a stream.
    /// </summary>
    private sealed record ChatProtocol(
        string IdPrefix,
        string Invalid,
        bool StreamsByDefault,
        Func<JsonElement, (string Model, ChatAnswer Answer)?> Read,
        Func<string, string, long, ChatAnswer, byte[]> Whole,
        Func<string, string, long, ChatAnswer, IEnumerable<(string? Name, byte[] Data)>> Events,
        (string? Name, byte[] Data) Failure);

    private sealed record ChatToolCall(string Id, string Name, string Arguments);

    private sealed record ChatAnswer(string? Text, ChatToolCall? ToolCall, int PromptTokens, int CompletionTokens)
    {
        public string FinishReason => ToolCall is null ? "stop" : "tool_calls";
    }
}
