using KieGen.Client.Tests.Infrastructure;
using KieGen.Models.Audio;
using KieGen.Validation;

namespace KieGen.Client.Tests;

#pragma warning disable CS0618 // suno/boost-style is deprecated (its route is Kie's former one) and still served

/// <summary>
/// Synchronous calls (<c>KieClient.CallAsync</c>) against the fake server: the typed result comes back at once, errors
/// read as Kie's envelope says, validation stops a bad request before sending, and a call that may have been carried
/// out (and charged) is never sent twice.
/// </summary>
public class CallTests
{
    private const string OmniPath = "/api/v1/omni/audio/create";

    private static GeminiOmniAudioRequest Voice(string name = "Narrator") => GeminiOmniAudioRequest.CreateBuilder()
        .WithAudioId("achernar").WithName(name).WithVoiceDescription("A calm, clear voice").Build();

    private static List<RecordedRequest> Calls(Harness h, string path) => h.Server.Requests.Where(r => r.Path == path).ToList();

    [Fact]
    public async Task Gemini_Omni_Audio_returns_its_typed_result_at_once_with_no_task_and_is_charged_once()
    {
        await using var h = await Harness.StartAsync();
        var before = h.Server.CreditsOf(h.Key);

        var voice = await h.Client.CallAsync(Voice("gentle female voice"), TestContext.Current.CancellationToken);

        Assert.Equal("gentle female voice", voice.Name); // the fake echoes the name, as Kie's page shows
        Assert.False(string.IsNullOrEmpty(voice.KieAudioId));
        Assert.Empty(h.Server.Tasks);
        var sent = Assert.Single(Calls(h, OmniPath));
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("""{"audio_id":"achernar","name":"gentle female voice","voice_description":"A calm, clear voice"}""", body.RootElement.GetRawText());
        Assert.Equal(before - 1m, h.Server.CreditsOf(h.Key));
    }

    [Fact]
    public async Task Style_boost_returns_Kies_recorded_answer_shape_typed()
    {
        await using var h = await Harness.StartAsync();
        var request = KieGen.Models.Music.SunoBoostStyleRequest.CreateBuilder().WithContent("Pop, Mysterious").Build();

        var boosted = await h.Client.CallAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(("Pop, Mysterious", 0.4, "成功"), (boosted.Param, boosted.CreditsConsumed, boosted.SuccessFlag));
        Assert.StartsWith("Pop, Mysterious", boosted.Result, StringComparison.Ordinal);
        Assert.Equal((double)h.Server.CreditsOf(h.Key), boosted.CreditsRemaining);
        Assert.Equal(JsonValueKind.Null, boosted.ErrorCode!.Value.ValueKind);
        Assert.Equal(h.Clock.GetUtcNow().ToUnixTimeMilliseconds(), boosted.CreateTime);
        Assert.Single(Calls(h, "/api/v1/style/generate"));
    }

    [Fact]
    public async Task A_request_with_errors_is_refused_before_anything_is_sent()
    {
        await using var h = await Harness.StartAsync();
        var request = new GeminiOmniAudioRequest { AudioId = "achernar", Name = null! };

        var error = await Assert.ThrowsAsync<KieValidationException>(() => h.Client.CallAsync(request, TestContext.Current.CancellationToken));

        Assert.Contains(error.Errors, e => e.Path == "name" && e.Keyword == "required");
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task Kies_error_envelope_becomes_its_typed_exception_and_nothing_is_charged()
    {
        await using var h = await Harness.StartAsync(server: o => o.CreditsPerTask = 20_000m);

        var error = await Assert.ThrowsAsync<KieInsufficientCreditsException>(() => h.Client.CallAsync(Voice(), TestContext.Current.CancellationToken));

        Assert.Equal((402, "Insufficient credits"), (error.Code, error.KieMessage));
        Assert.Single(Calls(h, OmniPath));
        Assert.Equal(10_000m, h.Server.CreditsOf(h.Key));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task A_5xx_is_an_unknown_outcome_never_sent_again(int status)
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(Fault.ServerError(status, OmniPath));

        var error = await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => h.Client.CallAsync(Voice(), TestContext.Current.CancellationToken));

        Assert.Equal((status, "gemini-omni-audio"), ((int)error.HttpStatus!, error.ModelId));
        Assert.Contains("may have carried it out and charged it", error.Message, StringComparison.Ordinal);
        Assert.Single(Calls(h, OmniPath));
    }

    [Fact]
    public async Task A_connection_lost_after_Kie_carried_out_the_call_is_an_unknown_outcome_never_sent_again()
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(Fault.ResetAfterProcessing(OmniPath));
        var before = h.Server.CreditsOf(h.Key);

        await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => h.Client.CallAsync(Voice(), TestContext.Current.CancellationToken));

        Assert.Single(Calls(h, OmniPath));
        Assert.Equal(before - 1m, h.Server.CreditsOf(h.Key)); // the fake carried it out: a second call would pay twice
    }

    [Fact]
    public async Task A_timeout_is_an_unknown_outcome_never_sent_again()
    {
        await using var h = await Harness.StartAsync(client: o => o.RequestTimeout = TimeSpan.FromSeconds(20));
        h.Server.InjectFault(Fault.Slow(TimeSpan.FromMinutes(5), OmniPath));
        var call = h.Client.CallAsync(Voice(), TestContext.Current.CancellationToken);

        await Harness.UntilAsync(() => Calls(h, OmniPath).Count == 1, "the call reached the server");
        await h.Clock.WaitForPendingTimersAsync(1, TestContext.Current.CancellationToken);
        h.Clock.Advance(TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => call);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Single(Calls(h, OmniPath));
    }

    [Fact]
    public async Task A_429_proves_nothing_was_done_and_is_retried_once_after_retry_after()
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(Fault.TooManyRequests(TimeSpan.FromSeconds(2), OmniPath));
        var start = h.Clock.GetUtcNow();

        var voice = await h.DriveAsync(h.Client.CallAsync(Voice(), TestContext.Current.CancellationToken), TimeSpan.FromMilliseconds(250));

        Assert.Equal("Narrator", voice.Name);
        Assert.Equal(2, Calls(h, OmniPath).Count);
        Assert.True(h.Clock.GetUtcNow() - start >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_synchronous_request_is_refused_by_SubmitAsync_and_a_task_request_by_nothing_but_the_type_system()
    {
        await using var h = await Harness.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.SubmitAsync(Voice(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("synchronous call (/api/v1/omni/audio/create)", error.Message, StringComparison.Ordinal);
        Assert.Contains("CallAsync", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task A_member_the_schema_does_not_declare_is_a_warning_only_and_is_sent_as_given()
    {
        await using var h = await Harness.StartAsync();
        using var json = JsonDocument.Parse("""{"audio_id":"achernar","name":"Narrator","voiceDescription":"calm"}""");
        Assert.True(GeminiOmniAudioRequest.TryParse(json.RootElement, out var parsed, out var findings));
        Assert.Contains(findings, f => !f.IsError && f.Message.Contains("did you mean voice_description?", StringComparison.Ordinal));

        await h.Client.CallAsync(parsed, TestContext.Current.CancellationToken);

        using var sent = JsonDocument.Parse(Assert.Single(Calls(h, OmniPath)).Body);
        Assert.Equal("calm", sent.RootElement.GetProperty("voiceDescription").GetString());
    }

    [Fact]
    public async Task The_answer_of_Kies_Omni_Audio_page_with_body_code_0_reads_as_success()
    {
        // The example answer printed on Kie's page (tests/Reference/openapi-samples/gemini-omni-audio.md), served as is.
        using var request = JsonDocument.Parse("""{"audio_id":"achernar","name":"Narrator"}""");
        using var answer = JsonDocument.Parse("""{"code":0,"msg":"success","data":{"kieAudioId":"a8f1c2d3e4f5...","name":"gentle female voice"}}""");
        var page = new KieGen.Tests.Shared.RecordedExchange(0, "api.kie.ai", "POST", OmniPath, "application/json", request.RootElement, 200, "application/json", answer.RootElement, 1);
        await using var kie = await RecordedKie.StartAsync(page);
        using var client = kie.CreateClient();

        var voice = await client.CallAsync(Voice("Narrator"), TestContext.Current.CancellationToken);

        Assert.Equal(("a8f1c2d3e4f5...", "gentle female voice"), (voice.KieAudioId, voice.Name));
        Assert.Single(kie.Requests);
    }

    [Fact]
    public async Task Data_that_does_not_match_the_output_is_an_unreadable_result_with_Kies_data_kept_and_no_second_call()
    {
        using var request = JsonDocument.Parse("""{"audio_id":"achernar","name":"Narrator"}""");
        using var answer = JsonDocument.Parse("""{"code":200,"msg":"success","data":{"kieAudioId":42,"name":"Narrator"}}""");
        var odd = new KieGen.Tests.Shared.RecordedExchange(0, "api.kie.ai", "POST", OmniPath, "application/json", request.RootElement, 200, "application/json", answer.RootElement, 1);
        await using var kie = await RecordedKie.StartAsync(odd);
        using var client = kie.CreateClient();

        var error = await Assert.ThrowsAsync<KieUnreadableResultException>(() => client.CallAsync(Voice("Narrator"), TestContext.Current.CancellationToken));

        Assert.Contains("data.kieAudioId", error.Message, StringComparison.Ordinal);
        Assert.Equal(42, error.RawData.GetProperty("kieAudioId").GetInt32());
        Assert.Single(kie.Requests);
    }
}
