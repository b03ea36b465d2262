using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

public class FaultTests
{
    private const string Create = "/api/v1/jobs/createTask";

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(455)]
    public async Task An_injected_http_error_answers_in_the_envelope_and_creates_nothing(int statusCode)
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.InjectFault(Fault.ServerError(statusCode));
        var (status, body) = await kie.PostAsync(Create, Bodies.Kling);
        Assert.Equal((statusCode, statusCode), ((int)status, body.GetProperty("code").GetInt32()));
        Assert.Empty(kie.Server.Tasks);
        await kie.CreateAsync(Create, Bodies.Kling); // one shot
    }

    [Fact]
    public async Task A_reset_after_processing_loses_the_answer_but_the_task_exists()
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.InjectFault(Fault.ResetAfterProcessing(Create));
        await Assert.ThrowsAsync<HttpRequestException>(() => kie.PostAsync(Create, Bodies.Kling));
        Assert.Single(kie.Server.Tasks);
    }

    [Fact]
    public async Task A_slow_answer_the_client_gives_up_on_still_leaves_the_task_created()
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.InjectFault(Fault.Slow(TimeSpan.FromMinutes(5)));
        using var impatient = Kie.Client(kie.Server.BaseAddress, FakeKieOptions.DefaultApiKey);
        var posting = kie.PostAsync(Create, Bodies.Kling, impatient);
        // The client gives up once the server holds the answer (a fixed client timeout raced the request on a loaded machine).
        await Kie.UntilAsync(() => kie.Server.Tasks.Count == 1, "the task was created and its answer held");
        impatient.CancelPendingRequests();
        await Assert.ThrowsAsync<TaskCanceledException>(() => posting);
        Assert.Single(kie.Server.Tasks);
    }

    [Theory]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.TruncatedJson)]
    public async Task Broken_json_answers_still_create_the_task(FaultKind kind)
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.InjectFault(new Fault(kind));
        using var response = await kie.Http.PostAsync(Create, new StringContent(Bodies.Kling, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.Single(kie.Server.Tasks);
    }

    [Fact]
    public async Task The_envelope_can_say_message_instead_of_msg()
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.InjectFault(new Fault(FaultKind.MessageInsteadOfMsg));
        var (_, body) = await kie.PostAsync(Create, Bodies.Kling);
        Assert.Equal("success", body.GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("msg", out _));
    }

    [Theory]
    [InlineData(FaultKind.FailCodeAsNumber, JsonValueKind.Number)]
    [InlineData(FaultKind.FailCodeAsNull, JsonValueKind.Null)]
    public async Task FailCode_can_come_as_a_number_or_null(FaultKind kind, JsonValueKind expected)
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.ScriptNextTask(TaskScript.Failing("500", "Internal server error"));
        var taskId = await kie.CreateAsync(Create, Bodies.Kling);
        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        kie.Server.InjectFault(new Fault(kind));
        Assert.Equal(expected, (await kie.StatusAsync("/api/v1/jobs/recordInfo", taskId)).GetProperty("failCode").ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7)]
    public async Task An_injected_429_comes_with_or_without_retry_after(int? seconds)
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.InjectFault(Fault.TooManyRequests(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value)));
        using var response = await kie.Http.PostAsync(Create, new StringContent(Bodies.Kling), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(seconds, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds);
        Assert.Empty(kie.Server.Tasks);
    }

    [Fact]
    public async Task Faults_can_be_limited_to_a_path()
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.InjectFault(Fault.ServerError(pathPrefix: "/api/v1/jobs/recordInfo"));
        var taskId = await kie.CreateAsync(Create, Bodies.Kling);
        Assert.Equal(HttpStatusCode.InternalServerError, (await kie.GetAsync("/api/v1/jobs/recordInfo?taskId=" + taskId)).Status);
    }

    [Fact]
    public async Task Random_faults_are_the_same_for_the_same_seed()
    {
        async Task<string> Run(int seed)
        {
            await using var kie = await Kie.StartAsync(o =>
            {
                o.Seed = seed;
                o.CreateLimit = 1000;
                o.RandomFaults = new RandomFaults(0.3, new[] { Fault.ServerError(), Fault.Maintenance() });
            });
            var outcome = new StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                outcome.Append((int)(await kie.PostAsync(Create, Bodies.Kling)).Status).Append(' ');
            }

            return outcome.ToString();
        }

        var first = await Run(42);
        Assert.Equal(first, await Run(42));
        Assert.Contains("500", first);
        Assert.Contains("200", first);
        Assert.NotEqual(first, await Run(43));
    }
}
