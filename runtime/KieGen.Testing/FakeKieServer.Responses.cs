using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace KieGen.Testing;

/// <summary>
/// Kie's OpenAI Responses models (<c>POST /codex/v1/responses</c>, <c>/grok/…</c>, <c>/openai/…</c>,
/// <c>/api/v1/responses</c>): the same canned answers as the other chat fakes (a <c>function_call</c> of the first
/// tool until a <c>function_call_output</c> comes back), usage in words, <c>credits_consumed</c> as Kie adds it, and
/// the Responses SSE events ending in <c>response.completed</c> and <c>[DONE]</c> when <c>stream</c> is true (the
/// protocol's default is a whole answer).
/// </summary>
public sealed partial class FakeKieServer
{
    private const string ResponsesSuffix = "/v1/responses";

    private static bool IsResponsesPath(string path) =>
        path.EndsWith(ResponsesSuffix, StringComparison.Ordinal) && path.Length > ResponsesSuffix.Length + 1 &&
        path.IndexOf('/', 1) == path.Length - ResponsesSuffix.Length;

    private Task ResponsesAsync(HttpContext context, string body) =>
        ServeChatAsync(context, body, new ChatProtocol(
            "resp_fake_",
            "model and input (a string, or at least one item) are required",
            StreamsByDefault: false,
            root => root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String &&
                    root.TryGetProperty("input", out var input) && (input.ValueKind == JsonValueKind.String || input.ValueKind == JsonValueKind.Array && input.GetArrayLength() > 0)
                ? (model.GetString()!, ResponsesAnswer(root, input))
                : null,
            (id, model, created, answer) => Json(w => WriteResponse(w, id, model, created, answer, "completed")),
            ResponseEvents,
            ("error", Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "error");
                w.WriteString("code", "server_error");
                w.WriteString("message", "Upstream model failed mid-stream");
                w.WriteEndObject();
            }))));

    private static ChatAnswer ResponsesAnswer(JsonElement root, JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            var prompt = input.GetString()!;
            return Echo(prompt, Words(prompt));
        }

        var promptWords = 0;
        JsonElement last = default;
        foreach (var item in input.EnumerateArray())
        {
            promptWords += Words(ItemText(item));
            last = item;
        }

        var toolOutput = last.ValueKind == JsonValueKind.Object && last.TryGetProperty("type", out var type) && type.GetString() == "function_call_output"
            ? ItemText(last)
            : null;
        if (toolOutput is null && root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array &&
            tools.EnumerateArray().FirstOrDefault(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("name", out _)) is { ValueKind: JsonValueKind.Object } tool)
        {
            // A Responses tool is flat: {"type": "function", "name", "parameters"}, the shape WriteArguments reads.
            var arguments = Encoding.UTF8.GetString(Json(w => WriteArguments(w, tool)));
            return new ChatAnswer(null, new ChatToolCall("call_fake_1", tool.GetProperty("name").GetString() ?? "", arguments), promptWords, 1);
        }

        var text = toolOutput is not null ? "The tool answered: " + toolOutput : "Fake answer to: " + ItemText(last);
        return new ChatAnswer(text, null, promptWords, Words(text));
    }

    private static ChatAnswer Echo(string prompt, int promptWords)
    {
        var text = "Fake answer to: " + prompt;
        return new ChatAnswer(text, null, promptWords, Words(text));
    }

    /// <summary>An input item's text: a message's content (a string or parts), or a function call output.</summary>
    private static string ItemText(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        if (item.TryGetProperty("output", out var output))
        {
            return output.ValueKind == JsonValueKind.String ? output.GetString()! : output.GetRawText();
        }

        return ContentText(item);
    }

    private static void WriteResponse(Utf8JsonWriter w, string id, string model, long created, ChatAnswer? answer, string status)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", created);
        w.WriteString("model", model);
        w.WriteString("status", status);
        w.WriteStartArray("output");
        if (answer is not null)
        {
            WriteOutputItem(w, id, answer, answer.ToolCall?.Arguments, "completed");
        }

        w.WriteEndArray();
        if (answer is not null)
        {
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", answer.PromptTokens);
            w.WriteNumber("output_tokens", answer.CompletionTokens);
            w.WriteNumber("total_tokens", answer.PromptTokens + answer.CompletionTokens);
            w.WriteEndObject();
            w.WriteNumber("credits_consumed", 0.01);
        }

        w.WriteEndObject();
    }

    /// <summary>The answer's one output item: a message with its text, or a function call with the given arguments.</summary>
    private static void WriteOutputItem(Utf8JsonWriter w, string id, ChatAnswer answer, string? arguments, string status)
    {
        w.WriteStartObject();
        if (answer.ToolCall is { } call)
        {
            w.WriteString("type", "function_call");
            w.WriteString("id", "fc_" + id);
            w.WriteString("call_id", call.Id);
            w.WriteString("name", call.Name);
            w.WriteString("arguments", arguments ?? "");
        }
        else
        {
            w.WriteString("type", "message");
            w.WriteString("id", "msg_" + id);
            w.WriteString("role", "assistant");
            w.WriteStartArray("content");
            if (status == "completed")
            {
                w.WriteStartObject();
                w.WriteString("type", "output_text");
                w.WriteString("text", answer.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteString("status", status);
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>response.created</c>; the output item added, its text word by word (or its arguments in two pieces), done;
    /// <c>response.completed</c> with the whole response; then <c>[DONE]</c>, as Kie's page shows.
    /// </summary>
    private static IEnumerable<(string? Name, byte[] Data)> ResponseEvents(string id, string model, long created, ChatAnswer answer)
    {
        var sequence = 0;
        (string?, byte[]) Event(string type, Action<Utf8JsonWriter> members) => (type, Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("sequence_number", ++sequence);
            members(w);
            w.WriteEndObject();
        }));

        yield return Event("response.created", w =>
        {
            w.WritePropertyName("response");
            WriteResponse(w, id, model, created, null, "in_progress");
        });
        yield return Event("response.output_item.added", w =>
        {
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            WriteOutputItem(w, id, answer, "", "in_progress");
        });
        if (answer.ToolCall is { } call)
        {
            var half = call.Arguments.Length / 2;
            foreach (var piece in new[] { call.Arguments[..half], call.Arguments[half..] })
            {
                yield return Event("response.function_call_arguments.delta", w =>
                {
                    w.WriteString("item_id", "fc_" + id);
                    w.WriteNumber("output_index", 0);
                    w.WriteString("delta", piece);
                });
            }

            yield return Event("response.function_call_arguments.done", w =>
            {
                w.WriteString("item_id", "fc_" + id);
                w.WriteNumber("output_index", 0);
                w.WriteString("arguments", call.Arguments);
            });
        }
        else
        {
            var words = answer.Text!.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                var piece = i == 0 ? words[i] : " " + words[i];
                yield return Event("response.output_text.delta", w =>
                {
                    w.WriteString("item_id", "msg_" + id);
                    w.WriteNumber("output_index", 0);
                    w.WriteNumber("content_index", 0);
                    w.WriteString("delta", piece);
                });
            }
        }

        yield return Event("response.output_item.done", w =>
        {
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            WriteOutputItem(w, id, answer, answer.ToolCall?.Arguments, "completed");
        });
        yield return Event("response.completed", w =>
        {
            w.WriteNumber("credits_consumed", 0.01);
            w.WritePropertyName("response");
            WriteResponse(w, id, model, created, answer, "completed");
        });
        yield return (null, "[DONE]"u8.ToArray());
    }
}
