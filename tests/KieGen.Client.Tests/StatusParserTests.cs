using System.Diagnostics.Metrics;
using KieGen.Client.Tests.Infrastructure;
using KieGen.Requests;

namespace KieGen.Client.Tests;

/// <summary>Status shapes straight from Kie's documentation (kie-api.md), including its inconsistencies.</summary>
public class StatusParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static KieTaskStatus Parse(KieApiFamily family, string data, KieResultKind kind = KieResultKind.Image) =>
        KieStatusParser.Parse(new KieTask("task_12345678", "m", family, kind, "/api/v1/jobs/recordInfo", Now), JsonDocument.Parse(data).RootElement, Now);

    [Fact]
    public void Market_documented_success_example_reads_result_urls_from_the_nested_json_text()
    {
        var status = Parse(KieApiFamily.Market, """{"taskId":"task_12345678","model":"grok-imagine/text-to-image","state":"success","param":"{}","resultJson":"{\"resultUrls\":[\"https://example.com/generated-content.jpg\"]}","failCode":"","failMsg":"","costTime":15000,"completeTime":1698765432000,"createTime":1698765400000,"updateTime":1698765432000}""");
        Assert.Equal(KieTaskState.Succeeded, status.State);
        Assert.Equal("https://example.com/generated-content.jpg", Assert.Single(status.Result!.Urls).ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1698765432000), status.Result.CompletedAt);
    }

    [Fact]
    public void Market_documented_failure_example_reads_failCode_and_failMsg()
    {
        var status = Parse(KieApiFamily.Market, """{"taskId":"task_12345678","state":"fail","resultJson":"","failCode":"422","failMsg":"Invalid prompt: prompt contains prohibited content"}""");
        Assert.Equal((KieTaskState.Failed, "422", "Invalid prompt: prompt contains prohibited content"), (status.State, status.FailCode, status.FailMessage));
    }

    [Fact]
    public void Market_result_object_is_kept_for_object_models()
    {
        var status = Parse(KieApiFamily.Market, """{"state":"success","resultJson":"{\"resultObject\":{\"text\":\"hello\"}}"}""", KieResultKind.Object);
        Assert.Equal("hello", status.Result!.Text);
        Assert.Empty(status.Result.Urls);
    }

    [Fact]
    public void Veo_result_urls_as_json_text_from_the_older_docs_still_read()
    {
        var status = Parse(KieApiFamily.Veo, """{"successFlag":1,"response":{"resultUrls":"[\"https://example.com/v.mp4\"]","originUrls":["https://example.com/o.mp4"]}}""");
        Assert.Equal("https://example.com/v.mp4", Assert.Single(status.Result!.Urls).ToString());
    }

    [Theory]
    [InlineData("""{"successFlag":0,"errorCode":null,"errorMessage":""}""", KieTaskState.Pending)]
    [InlineData("""{"successFlag":0,"errorCode":400,"errorMessage":"moderation"}""", KieTaskState.Failed)]
    [InlineData("""{"successFlag":1,"errorCode":0,"response":{"resultVideoUrl":"https://e.com/v.mp4","resultImageUrl":"https://e.com/i.png"}}""", KieTaskState.Succeeded)]
    public void Aleph_flag_zero_is_running_or_failed_told_apart_by_the_error(string data, KieTaskState expected)
    {
        Assert.Equal(expected, Parse(KieApiFamily.Aleph, data).State);
    }

    [Fact]
    public void Midjourney_result_info_is_an_object_of_result_url_items()
    {
        var status = Parse(KieApiFamily.Midjourney, """{"successFlag":1,"resultInfoJson":{"resultUrls":[{"resultUrl":"https://e.com/1.png"},{"resultUrl":"https://e.com/2.png"}]}}""");
        Assert.Equal(2, status.Result!.Urls.Count);
    }

    [Fact]
    public void Gpt4o_progress_comes_as_text()
    {
        var status = Parse(KieApiFamily.Gpt4oImage, """{"successFlag":0,"status":"GENERATING","progress":"0.40"}""");
        Assert.Equal((KieTaskState.Running, 0.4), (status.State, status.Progress));
    }

    [Theory]
    [InlineData("CREATE_TASK_FAILED")]
    [InlineData("SENSITIVE_WORD_ERROR")]
    [InlineData("CALLBACK_EXCEPTION")]
    public void Suno_error_statuses_are_failures(string word)
    {
        var status = Parse(KieApiFamily.Suno, $$"""{"status":"{{word}}","errorCode":413,"errorMessage":"matches existing work"}""", KieResultKind.Music);
        Assert.Equal((KieTaskState.Failed, "413"), (status.State, status.FailCode));
    }

    [Fact]
    public async Task Submissions_and_status_calls_are_counted_on_the_KieGen_meter()
    {
        var seen = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KieTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) =>
        {
            lock (seen)
            {
                seen.Add(instrument.Name);
            }
        });
        listener.Start();

        await using (var h = await Harness.StartAsync())
        {
            await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));
        }

        lock (seen)
        {
            Assert.Contains("kie.submissions", seen);
            Assert.Contains("kie.status_calls", seen);
        }
    }
}
