using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace KieGen.Testing;

/// <summary>
/// Kie's Gemini native models (<c>POST /gemini/v1/models/&lt;model&gt;:streamGenerateContent</c>): the same canned
/// answers as the other chat fakes (a <c>functionCall</c> of the first declared function, with a
/// <c>thoughtSignature</c>, until a <c>functionResponse</c> comes back), usage in words, and the answer in SSE chunks
/// unless <c>stream</c> is false. Like Gemini 3 it refuses a history whose function calls lost their signature.
/// </summary>
public sealed partial class FakeKieServer
{
    private const string GeminiPrefix = "/gemini/v1/models/";
    private const string GeminiSignature = "fake-thought-signature";

    /// <summary>The model a Gemini native path names, or null for another path.</summary>
    private static string? GeminiModel(string path)
    {
        if (!path.StartsWith(GeminiPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[GeminiPrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && rest[(colon + 1)..] is "streamGenerateContent" or "generateContent" && !rest[..colon].Contains('/', StringComparison.Ordinal)
            ? rest[..colon]
            : null;
    }

    private Task GeminiAsync(HttpContext context, string model, string body) =>
        ServeChatAsync(context, body, new ChatProtocol(
            "fake-response-",
            "contents (at least one) is required, and each functionCall part of a model turn needs the thoughtSignature it came with",
            StreamsByDefault: true,
            root => root.TryGetProperty("contents", out var contents) && contents.ValueKind == JsonValueKind.Array && contents.GetArrayLength() > 0 && Signed(contents)
                ? (model, GeminiAnswer(root, contents))
                : null,
            (id, name, _, answer) => Json(w => WriteGeminiChunk(w, id, name, answer, answer.Text, final: true)),
            GeminiChunks,
            (null, Json(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteNumber("code", 500);
                w.WriteString("message", "Upstream model failed mid-stream");
                w.WriteString("status", "INTERNAL");
                w.WriteEndObject();
                w.WriteEndObject();
            }))));

    /// <summary>Every function call the model made, sent back with the signature it came with.</summary>
    private static bool Signed(JsonElement contents) =>
        contents.EnumerateArray().All(content => Parts(content).All(part =>
            !part.TryGetProperty("functionCall", out _) ||
            part.TryGetProperty("thoughtSignature", out var signature) && signature.ValueKind == JsonValueKind.String && signature.GetString() == GeminiSignature));

    private static IEnumerable<JsonElement> Parts(JsonElement content) =>
        content.ValueKind == JsonValueKind.Object && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array
            ? parts.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object)
            : [];

    private static ChatAnswer GeminiAnswer(JsonElement root, JsonElement contents)
    {
        var promptWords = root.TryGetProperty("systemInstruction", out var system) ? Words(PartsText(system)) : 0;
        JsonElement last = default;
        foreach (var content in contents.EnumerateArray())
        {
            promptWords += Words(PartsText(content));
            last = content;
        }

        var toolResult = Parts(last).Where(p => p.TryGetProperty("functionResponse", out _))
            .Select(p => p.GetProperty("functionResponse").TryGetProperty("response", out var r) && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("result", out var result)
                ? result.ValueKind == JsonValueKind.String ? result.GetString()! : result.GetRawText()
                : "")
            .Cast<string?>().FirstOrDefault();
        var declaration = root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? tools.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("functionDeclarations", out var d) && d.ValueKind == JsonValueKind.Array)
                .SelectMany(t => t.GetProperty("functionDeclarations").EnumerateArray())
                .FirstOrDefault(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("name", out _))
            : default;
        if (toolResult is null && declaration.ValueKind == JsonValueKind.Object)
        {
            var arguments = Encoding.UTF8.GetString(Json(w => WriteArguments(w, declaration)));
            return new ChatAnswer(null, new ChatToolCall("fc_fake_1", declaration.GetProperty("name").GetString() ?? "", arguments), promptWords, 1);
        }

        var text = toolResult is not null ? "The tool answered: " + toolResult : "Fake answer to: " + PartsText(last);
        return new ChatAnswer(text, null, promptWords, Words(text));
    }

    private static string PartsText(JsonElement content) =>
        string.Join(" ", Parts(content).Where(p => p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String).Select(p => p.GetProperty("text").GetString()));

    /// <summary>
    /// One <c>GenerateContentResponse</c>: the text (or the function call with its signature); the final one also
    /// carries the finish reason, the usage and Kie's <c>credits_consumed</c>.
    /// </summary>
    private static void WriteGeminiChunk(Utf8JsonWriter w, string id, string model, ChatAnswer answer, string? text, bool final)
    {
        w.WriteStartObject();
        w.WriteStartArray("candidates");
        w.WriteStartObject();
        w.WriteStartObject("content");
        w.WriteString("role", "model");
        w.WriteStartArray("parts");
        w.WriteStartObject();
        if (answer.ToolCall is { } call)
        {
            w.WriteStartObject("functionCall");
            w.WriteString("name", call.Name);
            w.WritePropertyName("args");
            w.WriteRawValue(call.Arguments);
            w.WriteString("id", call.Id);
            w.WriteEndObject();
            w.WriteString("thoughtSignature", GeminiSignature);
        }
        else
        {
            w.WriteString("text", text);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        if (final)
        {
            w.WriteString("finishReason", "STOP");
        }

        w.WriteNumber("index", 0);
        w.WriteEndObject();
        w.WriteEndArray();
        if (final)
        {
            w.WriteStartObject("usageMetadata");
            w.WriteNumber("promptTokenCount", answer.PromptTokens);
            w.WriteNumber("candidatesTokenCount", answer.CompletionTokens);
            w.WriteNumber("totalTokenCount", answer.PromptTokens + answer.CompletionTokens);
            w.WriteEndObject();
            w.WriteNumber("credits_consumed", 0.01);
        }

        w.WriteString("modelVersion", model);
        w.WriteString("responseId", id);
        w.WriteEndObject();
    }

    /// <summary>The text word by word, the finish on the last word; a function call comes whole in one chunk.</summary>
    private static IEnumerable<(string? Name, byte[] Data)> GeminiChunks(string id, string model, long created, ChatAnswer answer)
    {
        if (answer.ToolCall is not null)
        {
            yield return (null, Json(w => WriteGeminiChunk(w, id, model, answer, null, final: true)));
            yield break;
        }

        var words = answer.Text!.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var piece = i == 0 ? words[i] : " " + words[i];
            var final = i == words.Length - 1;
            yield return (null, Json(w => WriteGeminiChunk(w, id, model, answer, piece, final)));
        }
    }
}
