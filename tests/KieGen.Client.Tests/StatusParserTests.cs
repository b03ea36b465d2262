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
    public void Unified_status_reads_successFlag_creditsConsumed_and_the_parsed_response()
    {
        var status = Parse(KieApiFamily.Market, """{"taskId":"task_12345678","model":"veo-3-1","state":"success","param":"{}","resultJson":"{\"resultUrls\":[\"https://e.com/v.mp4\"]}","response":{"resultUrls":["https://e.com/v.mp4"],"firstFrameUrl":"https://e.com/f.png"},"successFlag":1,"creditsConsumed":60.5,"failCode":null,"failMsg":null,"costTime":94,"completeTime":1698765432000}""", KieResultKind.Video);
        Assert.Equal((KieTaskState.Succeeded, 1, 60.5), (status.State, status.SuccessFlag, status.CreditsConsumed));
        Assert.Equal("https://e.com/v.mp4", Assert.Single(status.Result!.Urls).ToString());
        Assert.Equal(60.5, status.Result.CreditsConsumed);
        Assert.Null(status.FailCode);
    }

    [Theory]
    [InlineData(0, KieTaskState.Pending)]
    [InlineData(1, KieTaskState.Succeeded)]
    [InlineData(3, KieTaskState.Failed)]
    public void Unified_status_without_a_state_word_maps_the_successFlag(int flag, KieTaskState expected)
    {
        var status = Parse(KieApiFamily.Market, $$"""{"successFlag":{{flag}},"creditsConsumed":0,"response":{"resultUrls":["https://e.com/i.png"]},"failCode":"{{(flag == 3 ? "500" : "")}}","failMsg":null}""");
        Assert.Equal((expected, flag), (status.State, status.SuccessFlag));
        Assert.Equal(flag == 3 ? "500" : null, status.FailCode);
    }

    [Fact]
    public void Suno_on_the_unified_api_reads_tracks_from_response_data_in_snake_case()
    {
        var status = Parse(KieApiFamily.Market, """{"state":"success","successFlag":1,"creditsConsumed":12,"response":{"data":[{"id":"a1","audio_url":"https://e.com/1.mp3","stream_audio_url":"https://e.com/s1","image_url":"https://e.com/1.jpeg","title":"One","tags":"rock","duration":198.44},{"id":"a2","audio_url":"https://e.com/2.mp3","image_url":"https://e.com/2.jpeg","title":"Two","duration":120}]}}""", KieResultKind.Music);
        var result = status.Result!;
        Assert.Equal(new[] { "a1", "a2" }, result.Tracks.Select(t => t.Id));
        Assert.Equal(new KieTrack("a1", new Uri("https://e.com/1.mp3"), new Uri("https://e.com/s1"), new Uri("https://e.com/1.jpeg"), "One", "rock", 198.44), result.Tracks[0]);
        Assert.Equal(new[] { "https://e.com/1.mp3", "https://e.com/2.mp3" }, result.Urls.Select(u => u.ToString()));
    }

    [Theory]
    [InlineData("""{"resultObject":{"text":"[Verse] la la"}}""", "[Verse] la la")]
    [InlineData("""{"resultObject":"[Verse] la la"}""", "[Verse] la la")]
    [InlineData("""{"resultObject":{"data":[{"text":"[Verse] one"},{"text":"[Verse] two"}]}}""", "[Verse] one\n\n[Verse] two")]
    public void Lyrics_on_the_unified_api_read_from_the_result_object(string response, string text)
    {
        var status = Parse(KieApiFamily.Market, $$"""{"successFlag":1,"response":{{response}}}""", KieResultKind.Text);
        Assert.Equal(text, status.Result!.Text);
    }

    [Fact]
    public void Midi_result_object_is_kept_as_the_result_data()
    {
        var status = Parse(KieApiFamily.Market, """{"successFlag":1,"response":{"resultObject":{"instruments":[{"name":"Drums","notes":[{"pitch":73}]}]}}}""", KieResultKind.Object);
        Assert.Equal("Drums", status.Result!.Data!.Value.GetProperty("instruments")[0].GetProperty("name").GetString());
        Assert.Null(status.Result.Text);
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

    [Fact]
    public void Market_reads_resultJson_first_as_Kie_sends_it_and_response_only_without_it()
    {
        var both = Parse(KieApiFamily.Market, """{"state":"success","resultJson":"{\"resultUrls\":[\"https://e.com/recorded.png\"]}","response":{"resultUrls":["https://e.com/pages.png"]}}""");
        Assert.Equal("https://e.com/recorded.png", Assert.Single(both.Result!.Urls).ToString());
        var pagesOnly = Parse(KieApiFamily.Market, """{"state":"success","resultJson":"","response":{"resultUrls":["https://e.com/pages.png"]}}""");
        Assert.Equal("https://e.com/pages.png", Assert.Single(pagesOnly.Result!.Urls).ToString());
    }
}
