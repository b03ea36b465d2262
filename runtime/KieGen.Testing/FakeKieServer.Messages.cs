using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace KieGen.Testing;

/// <summary>
/// Kie's Claude models, Anthropic Messages protocol (<c>POST /claude/v1/messages</c>): the same canned answers as
/// the chat-completions fake (a <c>tool_use</c> of the first tool until a <c>tool_result</c> comes back), usage in
/// words, and Anthropic's SSE events when streaming (Kie's default), with <see cref="FailNextChatStream"/> too.
/// </summary>
public sealed partial class FakeKieServer
{
    private const string MessagesPath = "/claude/v1/messages";

    private Task MessagesAsync(HttpContext context, string body) =>
        ServeChatAsync(context, body, new ChatProtocol(
            "msg_fake_",
            "model and messages (at least one) are required",
            StreamsByDefault: true,
            root => root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String &&
                    root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
                ? (model.GetString()!, MessagesAnswer(root, messages))
                : null,
            (id, model, _, answer) => Json(w => WriteMessage(w, id, model, answer)),
            (id, model, _, answer) => MessageEvents(id, model, answer).Select(e => ((string?)e.Name, e.Data)),
            ("error", Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "error");
                w.WriteStartObject("error");
                w.WriteString("type", "api_error");
                w.WriteString("message", "Upstream model failed mid-stream");
                w.WriteEndObject();
                w.WriteEndObject();
            }))));

    private static ChatAnswer MessagesAnswer(JsonElement root, JsonElement messages)
    {
        var promptWords = root.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.String ? Words(system.GetString()!) : 0;
        JsonElement last = default;
        foreach (var message in messages.EnumerateArray())
        {
            promptWords += Words(BlocksText(message));
            last = message;
        }

        var toolResult = ToolResultText(last);
        if (toolResult is null && root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array &&
            tools.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } tool && tool.TryGetProperty("name", out var name))
        {
            // The chat-completions fake reads arguments from "parameters"; Anthropic calls the schema "input_schema".
            var schema = tool.TryGetProperty("input_schema", out var inputSchema) ? inputSchema : default;
            var arguments = Encoding.UTF8.GetString(Json(w => WriteArguments(w, Wrap(schema))));
            return new ChatAnswer(null, new ChatToolCall("toolu_fake_1", name.GetString() ?? "", arguments), promptWords, 1);
        }

        var text = toolResult is not null ? "The tool answered: " + toolResult : "Fake answer to: " + BlocksText(last);
        return new ChatAnswer(text, null, promptWords, Words(text));
    }

    /// <summary><c>{"parameters": schema}</c>, the shape <see cref="WriteArguments"/> reads.</summary>
    private static JsonElement Wrap(JsonElement schema)
    {
        var bytes = Json(w =>
        {
            w.WriteStartObject();
            if (schema.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName("parameters");
                schema.WriteTo(w);
            }

            w.WriteEndObject();
        });
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }

    private static string BlocksText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
        {
            return "";
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? "",
            JsonValueKind.Array => string.Join(" ", content.EnumerateArray()
                .Where(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("type", out var t) && t.GetString() == "text")
                .Select(b => b.GetProperty("text").GetString())),
            _ => "",
        };
    }

    private static string? ToolResultText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var type) && type.GetString() == "tool_result")
            {
                return block.TryGetProperty("content", out var result) && result.ValueKind == JsonValueKind.String ? result.GetString() : "";
            }
        }

        return null;
    }

    private static void WriteMessage(Utf8JsonWriter w, string id, string model, ChatAnswer answer)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
        w.WriteStartArray("content");
        if (answer.Text is not null)
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", answer.Text);
            w.WriteEndObject();
        }

        if (answer.ToolCall is { } call)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_use");
            w.WriteString("id", call.Id);
            w.WriteString("name", call.Name);
            w.WritePropertyName("input");
            w.WriteRawValue(call.Arguments);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("stop_reason", answer.ToolCall is null ? "end_turn" : "tool_use");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", answer.PromptTokens);
        w.WriteNumber("output_tokens", answer.CompletionTokens);
        // Anthropic's usage members, which Kie passes on (the fake caches nothing).
        w.WriteNumber("cache_creation_input_tokens", 0);
        w.WriteNumber("cache_read_input_tokens", 0);
        w.WriteString("service_tier", "standard");
        w.WriteEndObject();
        w.WriteNumber("credits_consumed", ChatCredits);
        w.WriteEndObject();
    }

    /// <summary>message_start, one content block (text word by word, or a tool_use with its input in two JSON pieces), message_delta, message_stop.</summary>
    private static IEnumerable<(string Name, byte[] Data)> MessageEvents(string id, string model, ChatAnswer answer)
    {
        yield return ("message_start", Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_start");
            w.WriteStartObject("message");
            w.WriteString("id", id);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", answer.PromptTokens);
            w.WriteNumber("output_tokens", 0);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }));

        byte[] Delta(string kind, string name, string value) => Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_delta");
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            w.WriteString("type", kind);
            w.WriteString(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        });

        yield return ("content_block_start", Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", 0);
            w.WriteStartObject("content_block");
            if (answer.ToolCall is { } call)
            {
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.Id);
                w.WriteString("name", call.Name);
                w.WriteStartObject("input");
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("type", "text");
                w.WriteString("text", "");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));

        if (answer.ToolCall is { } toolCall)
        {
            var half = toolCall.Arguments.Length / 2;
            yield return ("content_block_delta", Delta("input_json_delta", "partial_json", toolCall.Arguments[..half]));
            yield return ("content_block_delta", Delta("input_json_delta", "partial_json", toolCall.Arguments[half..]));
        }
        else
        {
            var words = answer.Text!.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                yield return ("content_block_delta", Delta("text_delta", "text", i == 0 ? words[i] : " " + words[i]));
            }
        }

        yield return ("content_block_stop", Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_stop");
            w.WriteNumber("index", 0);
            w.WriteEndObject();
        }));
        yield return ("message_delta", Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", answer.ToolCall is null ? "end_turn" : "tool_use");
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("output_tokens", answer.CompletionTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
        yield return ("message_stop", """{"type":"message_stop"}"""u8.ToArray());
    }
}
