using System;
using System.Text.Json;

namespace KieGen.Testing;

/// <summary>
/// Suno's style boost (<c>POST /api/v1/style/generate</c>, the catalog's <c>suno/boost-style</c>), served as every
/// synchronous call is, with the answer Kie gave in recorded traffic: the boosted style in <c>data.result</c>, the
/// credits it cost and the balance left (its <c>successFlag</c> is a word, not a number).
/// </summary>
public sealed partial class FakeKieServer
{
    private const string StylePath = "/api/v1/style/generate";

    /// <summary>What a style boost costs (Kie charged 0.4 credits in the recording).</summary>
    private const decimal StyleCredits = 0.4m;

    /// <summary>A blank <c>content</c> is refused, as a missing one is.</summary>
    private static Reply? StyleProblem(JsonElement body) =>
        body.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String && c.GetString()!.Trim().Length > 0
            ? null
            : Reply.Error(422, "content is required");

    private static void WriteStyle(Utf8JsonWriter w, JsonElement body, string taskId, decimal remaining, DateTimeOffset now)
    {
        var content = body.GetProperty("content").GetString()!;
        w.WriteStartObject();
        w.WriteString("taskId", taskId);
        w.WriteString("param", content);
        w.WriteString("result", content + ", boosted by the fake Kie server: layered arrangement, wide chorus, tight low end.");
        w.WriteNumber("creditsConsumed", StyleCredits);
        w.WriteNumber("creditsRemaining", remaining);
        w.WriteString("successFlag", "成功"); // Kie's own word ("success"), as recorded
        w.WriteNull("errorCode");
        w.WriteNull("errorMsg");
        w.WriteNumber("createTime", now.ToUnixTimeMilliseconds());
        w.WriteEndObject();
    }
}
