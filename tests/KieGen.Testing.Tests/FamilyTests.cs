using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

/// <summary>Each special family answers at its own endpoints, in its own status shape.</summary>
public class FamilyTests
{
    public static TheoryData<string, string, string, string, string> Families() => new()
    {
        // create path, body, status path, JSON path of the state, its value when done
        { "/api/v1/veo/generate", """{"prompt":"p"}""", "/api/v1/veo/record-info", "successFlag", "1" },
        { "/api/v1/runway/generate", """{"prompt":"p","duration":"5","quality":"720p"}""", "/api/v1/runway/record-detail", "state", "success" },
        { "/api/v1/aleph/generate", """{"prompt":"p","videoUrl":"https://example.com/v.mp4"}""", "/api/v1/aleph/record-info", "successFlag", "1" },
        { "/api/v1/gpt4o-image/generate", """{"size":"1:1","prompt":"p"}""", "/api/v1/gpt4o-image/record-info", "status", "SUCCESS" },
        { "/api/v1/flux/kontext/generate", """{"prompt":"p"}""", "/api/v1/flux/kontext/record-info", "successFlag", "1" },
        { "/api/v1/mj/generate", """{"taskType":"mj_txt2img","prompt":"p"}""", "/api/v1/mj/record-info", "successFlag", "1" },
        { "/api/v1/modify/generate", """{"prompt":"p","videoUrl":"https://example.com/v.mp4"}""", "/api/v1/modify/record-info", "successFlag", "1" },
        { "/api/v1/generate", """{"prompt":"p","customMode":false,"instrumental":true,"model":"V4"}""", "/api/v1/generate/record-info", "status", "SUCCESS" },
        { "/api/v1/lyrics", """{"prompt":"p"}""", "/api/v1/lyrics/record-info", "status", "SUCCESS" },
        { "/api/v1/wav/generate", """{"taskId":"t","audioId":"a"}""", "/api/v1/wav/record-info", "successFlag", "SUCCESS" },
        { "/api/v1/vocal-removal/generate", """{"taskId":"t","audioId":"a"}""", "/api/v1/vocal-removal/record-info", "successFlag", "SUCCESS" },
        { "/api/v1/midi/generate", """{"taskId":"t"}""", "/api/v1/midi/record-info", "successFlag", "1" },
        { "/api/v1/mp4/generate", """{"taskId":"t","audioId":"a"}""", "/api/v1/mp4/record-info", "successFlag", "SUCCESS" },
        { "/api/v1/suno/cover/generate", """{"taskId":"t"}""", "/api/v1/suno/cover/record-info", "successFlag", "1" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Family_task_reports_in_its_own_status_shape(string create, string body, string status, string field, string done)
    {
        await using var kie = await Kie.StartAsync();
        if (body.Contains("\"taskId\":\"t\"", StringComparison.Ordinal))
        {
            // A follow-up needs a parent the key knows (Kie: 422 "Record does not exist" otherwise).
            kie.Server.AddTask("t", "/api/v1/generate", """{"prompt":"p","customMode":false,"instrumental":true,"model":"V4"}""", FakeTaskState.Success);
        }

        var taskId = await kie.CreateAsync(create, body);

        var running = await kie.StatusAsync(status, taskId);
        Assert.Equal(taskId, running.GetProperty("taskId").GetString());
        Assert.NotEqual(done, Text(running.GetProperty(field)));

        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        var finished = await kie.StatusAsync(status, taskId);
        Assert.Equal(done, Text(finished.GetProperty(field)));
        // The status of one family is not visible at another's endpoint.
        Assert.Equal((422, "recordInfo is null"), Code(await kie.GetAsync("/api/v1/jobs/recordInfo?taskId=" + taskId)));
    }

    [Fact]
    public async Task Veo_success_carries_result_urls_in_response()
    {
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/veo/generate", """{"prompt":"p"}""");
        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        var data = await kie.StatusAsync("/api/v1/veo/record-info", taskId);
        Assert.EndsWith(".mp4", data.GetProperty("response").GetProperty("resultUrls")[0].GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("errorCode").ValueKind);
    }

    [Fact]
    public async Task Runway_reports_video_info_and_a_failed_task_its_integer_failCode()
    {
        await using var kie = await Kie.StartAsync();
        var ok = await kie.CreateAsync("/api/v1/runway/generate", """{"prompt":"p","duration":"5","quality":"720p"}""");
        kie.Server.ScriptNextTask(TaskScript.Failing("400", "Content moderation"));
        var failing = await kie.CreateAsync("/api/v1/runway/generate", """{"prompt":"p","duration":"5","quality":"720p"}""");
        kie.Clock.Advance(TimeSpan.FromMinutes(10));

        var video = (await kie.StatusAsync("/api/v1/runway/record-detail", ok)).GetProperty("videoInfo");
        Assert.EndsWith(".mp4", video.GetProperty("videoUrl").GetString());
        Assert.EndsWith(".png", video.GetProperty("imageUrl").GetString());
        var failed = await kie.StatusAsync("/api/v1/runway/record-detail", failing);
        Assert.Equal(("fail", 400), (failed.GetProperty("state").GetString(), failed.GetProperty("failCode").GetInt32()));
    }

    [Fact]
    public async Task Suno_music_goes_through_text_and_first_success_before_success()
    {
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/generate", """{"prompt":"p","customMode":false,"instrumental":true,"model":"V4"}""");
        var seen = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var data = await kie.StatusAsync("/api/v1/generate/record-info", taskId);
            var status = data.GetProperty("status").GetString()!;
            if (seen.Count == 0 || seen[^1] != status)
            {
                seen.Add(status);
            }

            kie.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(new[] { "PENDING", "TEXT_SUCCESS", "FIRST_SUCCESS", "SUCCESS" }, seen);
        var tracks = (await kie.StatusAsync("/api/v1/generate/record-info", taskId)).GetProperty("response").GetProperty("sunoData");
        Assert.Equal(2, tracks.GetArrayLength());
        Assert.EndsWith(".mp3", tracks[0].GetProperty("audioUrl").GetString());
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static (int Code, string? Msg) Code((HttpStatusCode Status, JsonElement Body) answer) =>
        (answer.Body.GetProperty("code").GetInt32(), answer.Body.GetProperty("msg").GetString());
}
