namespace KieGen.AspNetCore.Tests;

/// <summary>The pure verification function, no web framework involved.</summary>
public class VerifierTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"code":200,"data":{"taskId":"task_12345678"}}""");

    private static KieWebhookVerifier Verifier(string key = "test-key", string? previous = null) =>
        new(new KieCallbackOptions { HmacKey = key, PreviousHmacKey = previous }, new ManualTimeProvider(Now));

    [Fact]
    public void The_documented_test_vector_verifies()
    {
        Assert.Equal("jbMgurgLr0V63NX8fJ+ppGz5LFMZr+rnsNqqZfri4DA=", KieWebhookVerifier.Sign("test-key", "task_12345678", "1700000000"));
        var result = Verifier().Verify("1700000000", "jbMgurgLr0V63NX8fJ+ppGz5LFMZr+rnsNqqZfri4DA=", Body);
        Assert.Equal((true, "task_12345678", "complete"), (result.IsValid, result.TaskId, result.Stage));
    }

    [Theory]
    [InlineData("1700000000", "jbMgurgLr0V63NX8fJ+ppGz5LFMZr+rnsNqqZfri4DB=", KieWebhookFailure.BadSignature)]
    [InlineData("1700000001", "jbMgurgLr0V63NX8fJ+ppGz5LFMZr+rnsNqqZfri4DA=", KieWebhookFailure.BadSignature)]
    [InlineData(null, "jbMgurgLr0V63NX8fJ+ppGz5LFMZr+rnsNqqZfri4DA=", KieWebhookFailure.MissingSignature)]
    [InlineData("1700000000", null, KieWebhookFailure.MissingSignature)]
    public void A_wrong_or_missing_signature_fails(string? timestamp, string? signature, KieWebhookFailure expected)
    {
        Assert.Equal(expected, Verifier().Verify(timestamp, signature, Body).Failure);
    }

    [Fact]
    public void A_signature_under_another_key_fails_and_the_previous_key_passes_during_rotation()
    {
        var signature = KieWebhookVerifier.Sign("old-key", "task_12345678", "1700000000");
        Assert.Equal(KieWebhookFailure.BadSignature, Verifier("new-key").Verify("1700000000", signature, Body).Failure);
        Assert.True(Verifier("new-key", previous: "old-key").Verify("1700000000", signature, Body).IsValid);
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void Timestamps_outside_the_five_minute_window_are_stale(int offsetSeconds, bool valid)
    {
        var timestamp = (1_700_000_000 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = Verifier().Verify(timestamp, KieWebhookVerifier.Sign("test-key", "task_12345678", timestamp), Body);
        Assert.Equal(valid ? KieWebhookFailure.None : KieWebhookFailure.Stale, result.Failure);
    }

    [Theory]
    [InlineData("""{"code":200,"data":{"taskId":"a"}}""", "a", "complete")]
    [InlineData("""{"code":200,"data":{"callbackType":"first","task_id":"b","data":[]}}""", "b", "first")]
    [InlineData("""{"code":200,"data":{"result_video_url":"x"},"taskId":"c"}""", "c", "complete")]
    [InlineData("""{"code":200,"task_id":"d"}""", "d", "complete")]
    public void The_task_id_is_found_wherever_the_family_puts_it(string body, string taskId, string stage)
    {
        var timestamp = "1700000000";
        var result = Verifier().Verify(timestamp, KieWebhookVerifier.Sign("test-key", taskId, timestamp), Encoding.UTF8.GetBytes(body));
        Assert.Equal((true, taskId, stage), (result.IsValid, result.TaskId, result.Stage));
    }

    [Theory]
    [InlineData("not json", KieWebhookFailure.UnreadableBody)]
    [InlineData("""{"code":200,"data":{}}""", KieWebhookFailure.MissingTaskId)]
    public void Unreadable_bodies_fail_before_any_signature_check(string body, KieWebhookFailure expected)
    {
        Assert.Equal(expected, Verifier().Verify("1700000000", "x", Encoding.UTF8.GetBytes(body)).Failure);
    }

    [Fact]
    public void Without_a_configured_key_nothing_verifies()
    {
        var verifier = new KieWebhookVerifier(new KieCallbackOptions(), new ManualTimeProvider(Now));
        Assert.Equal(KieWebhookFailure.MissingSignature, verifier.Verify("1700000000", "jbMgurgLr0V63NX8fJ+ppGz5LFMZr+rnsNqqZfri4DA=", Body).Failure);
    }
}
