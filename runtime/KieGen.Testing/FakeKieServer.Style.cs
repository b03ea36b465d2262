using System;
using System.Text.Json;

namespace KieGen.Testing;

/// <summary>
/// Suno's style boost (<c>POST /api/v1/style/generate</c>): answered at once, not as a task to poll, with the boosted
/// style in <c>data.result</c>, the credits it cost and the balance left, as Kie answered it in recorded traffic
/// (its <c>successFlag</c> is a word, not a number).
/// </summary>
public sealed partial class FakeKieServer
{
    private const string StylePath = "/api/v1/style/generate";

    /// <summary>What a style boost costs (Kie charged 0.4 credits in the recording).</summary>
    private const decimal StyleCredits = 0.4m;

    private Reply Style(string key, string body, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(body);
        var content = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()!
            : "";
        if (content.Trim().Length == 0)
        {
            return Reply.Error(422, "content is required");
        }

        string taskId;
        decimal remaining;
        lock (_gate)
        {
            if (_credits[key] < StyleCredits)
            {
                return Reply.Error(402, "Insufficient credits");
            }

            _credits[key] -= StyleCredits;
            remaining = _credits[key];
            taskId = NewTaskId();
        }

        return Reply.Ok(w =>
        {
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
        });
    }
}
