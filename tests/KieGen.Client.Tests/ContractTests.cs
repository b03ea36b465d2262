using System.Reflection;
using KieGen.Client.Tests.Infrastructure;
using KieGen.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.Client.Tests;

/// <summary>Contracts users build on: resume tokens across versions, the exception hierarchy, a substitutable client.</summary>
public class ContractTests
{
    /// <summary>Made by KieTask.ToToken() of main before tokens were versioned (commit a1cbb69): enum numbers, no "v".</summary>
    private const string Version1Token = "eyJ0IjoidGFzay0xMjM0YWJjZCIsIm0iOiJzdW5vL2dlbmVyYXRlIiwiZiI6MiwiciI6MywicyI6Ii9hcGkvdjEvZ2VuZXJhdGUvcmVjb3JkLWluZm8iLCJjIjoxNzkwMDAwMDAwMTIzfQ";

    [Fact]
    public void A_token_in_the_previous_format_still_reads()
    {
        var task = KieTask.FromToken(Version1Token);

        Assert.Equal(("task-1234abcd", "suno/generate", KieApiFamily.Suno, KieResultKind.Music, "/api/v1/generate/record-info"),
            (task.TaskId, task.ModelId, task.Family, task.ResultKind, task.StatusPath));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123), task.CreatedAt);
    }

    [Fact]
    public void Tokens_are_versioned_and_name_the_family_and_result_kind()
    {
        var task = KieModelFactory.Task("t-9", "suno/generate", KieApiFamily.Suno, KieResultKind.Music, "/api/v1/generate/record-info");
        var token = task.ToToken();
        var json = JsonDocument.Parse(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '='))).RootElement;

        Assert.Equal(2, json.GetProperty("v").GetInt32());
        Assert.Equal(("Suno", "Music"), (json.GetProperty("f").GetString(), json.GetProperty("r").GetString()));
        var back = KieTask.FromToken(token);
        Assert.Equal((task.TaskId, task.Family, task.ResultKind, task.CreatedAt), (back.TaskId, back.Family, back.ResultKind, back.CreatedAt));
    }

    [Fact]
    public void A_market_token_leaves_out_the_fixed_status_path_and_reads_back_with_it()
    {
        var task = KieModelFactory.Task("t-10", "kling-2.6/image-to-video", KieApiFamily.Market, KieResultKind.Video);
        var token = task.ToToken();
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));

        Assert.DoesNotContain("\"s\"", json, StringComparison.Ordinal);
        Assert.Equal("/api/v1/jobs/recordInfo", KieTask.FromToken(token).StatusPath);
    }

    [Theory]
    [InlineData("""{"v":3,"t":"a","m":"b","f":"Market","r":"Image","s":"/api/v1/jobs/recordInfo","c":1}""", "version 3")]
    [InlineData("""{"v":2,"t":"a","m":"b","f":"Marquee","r":"Image","s":"/api/v1/jobs/recordInfo","c":1}""", "'Marquee'")]
    [InlineData("""{"v":2,"t":"a","m":"b","f":"7","r":"Image","s":"/api/v1/jobs/recordInfo","c":1}""", "'7'")]
    [InlineData("""{"t":"a","m":"b","f":42,"r":0,"s":"/api/v1/jobs/recordInfo","c":1}""", "42")]
    public void A_token_of_an_unknown_version_or_name_is_refused_naming_the_problem(string json, string named)
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var error = Assert.Throws<FormatException>(() => KieTask.FromToken(token));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Task_outcomes_are_kie_exceptions_but_not_api_errors()
    {
        Assert.False(typeof(KieApiException).IsAssignableFrom(typeof(KieWaitTimeoutException)));
        Assert.False(typeof(KieApiException).IsAssignableFrom(typeof(KieTaskFailedException)));
        Assert.All(new[] { typeof(KieApiException), typeof(KieWaitTimeoutException), typeof(KieTaskFailedException), typeof(KieTransportException), typeof(KieSubmissionUnknownException) },
            type => Assert.True(typeof(KieException).IsAssignableFrom(type), type.Name));
    }

    [Fact]
    public async Task Catching_KieApiException_no_longer_catches_a_wait_timeout()
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken);
        string caught;
        try
        {
            await h.DriveAsync(h.Client.WaitForCompletionAsync(task, timeout: TimeSpan.FromSeconds(20), cancellationToken: TestContext.Current.CancellationToken));
            caught = "nothing";
        }
        catch (KieApiException)
        {
            caught = "api error";
        }
        catch (KieWaitTimeoutException timeout)
        {
            caught = $"still running {timeout.TaskId} {timeout.Waited}";
        }

        Assert.Equal($"still running {task.TaskId} {TimeSpan.FromSeconds(20)}", caught);
    }

    [Fact]
    public void The_interface_has_every_public_operation_of_the_client()
    {
        static string Shape(MethodInfo m) => m.Name + "(" + string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name)) + ")";
        var operations = typeof(KieClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(KieClient.Dispose) or nameof(ToString)))
            .Select(Shape).Order().ToList();
        var contract = typeof(IKieClient).GetMethods().Where(m => !m.IsSpecialName).Select(Shape).Order().ToList();

        Assert.Equal(operations, contract);
        Assert.Equal([nameof(IKieClient.BaseAddress)], typeof(IKieClient).GetProperties().Select(p => p.Name));
        Assert.True(typeof(IKieClient).IsAssignableFrom(typeof(KieClient)));
    }

    [Fact]
    public void AddKieClient_registers_the_interface_as_the_same_client()
    {
        var services = new ServiceCollection();
        services.AddKieClient(o => o.ApiKey = "k");
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<KieClient>(), provider.GetRequiredService<IKieClient>());
    }

    [Fact]
    public async Task A_users_unit_test_substitutes_the_client_without_a_server()
    {
        var kie = new HandWrittenKie(KieModelFactory.TaskResult("t-1", [new Uri("https://files.example/cat.png")], creditsConsumed: 4));
        var thumbnails = new ThumbnailService(kie);

        var url = await thumbnails.MakeAsync("a cat", TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("https://files.example/cat.png"), url);
        Assert.Equal("nano-banana-2", Assert.Single(kie.Submitted).ModelInfo.ModelId);
    }

    [Fact]
    public async Task A_substitute_can_raise_the_documented_failures()
    {
        var kie = new HandWrittenKie(failure: new KieTaskFailedException("t-2", "nano-banana-2", "501", "Generation failed"));
        var thumbnails = new ThumbnailService(kie);

        Assert.Null(await thumbnails.MakeAsync("a cat", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_model_factory_builds_consistent_objects()
    {
        var done = KieModelFactory.TaskStatus("t-3", KieTaskState.Succeeded);
        Assert.True(done.IsTerminal);
        Assert.Equal(("t-3", "succeeded"), (done.Result!.TaskId, done.KieState));
        var failed = KieModelFactory.TaskStatus("t-4", KieTaskState.Failed, failCode: "501", failMessage: "no");
        Assert.Null(failed.Result);
        var veo = KieModelFactory.Task("t-5", "veo3.1/generate", KieApiFamily.Veo, KieResultKind.Video, "/api/v1/veo/record-info");
        Assert.Equal(KieApiFamily.Veo, KieTask.FromToken(veo.ToToken()).Family);
        Assert.Throws<ArgumentException>(() => KieModelFactory.Task(statusPath: "https://elsewhere.example/steal"));
        using var schema = KieModelFactory.ModelSchema("m", null, new Uri("https://api.kie.ai/api/v1/models/m/schema"));
        Assert.Null(schema.OpenApi);
    }

    /// <summary>What a user's application might do with Kie: one image for a prompt, or none when the task fails.</summary>
    private sealed class ThumbnailService(IKieClient kie)
    {
        public async Task<Uri?> MakeAsync(string prompt, CancellationToken cancellationToken)
        {
            try
            {
                var result = await kie.SubmitAndWaitAsync(Sample.Parse("nano-banana-2", JsonSerializer.Serialize(new { prompt })), cancellationToken: cancellationToken);
                return result.Urls[0];
            }
            catch (KieTaskFailedException)
            {
                return null;
            }
        }
    }

    /// <summary>A tiny hand-written substitute, as a user would write one: answers from memory, no server.</summary>
    private sealed class HandWrittenKie(KieTaskResult? result = null, Exception? failure = null) : IKieClient
    {
        public List<IKieRequest> Submitted { get; } = [];

        public Uri BaseAddress { get; } = new("https://api.kie.ai/");

        public Task<KieTaskResult> SubmitAndWaitAsync<TRequest>(TRequest request, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
            where TRequest : IKieRequest
        {
            Submitted.Add(request);
            return failure is null ? Task.FromResult(result!) : Task.FromException<KieTaskResult>(failure);
        }

        public Task<KieTask> SubmitAsync<TRequest>(TRequest request, string? callbackUrl = null, CancellationToken cancellationToken = default)
            where TRequest : IKieRequest => throw new NotSupportedException();

        public Task<TResult> CallAsync<TResult>(IKieCallRequest<TResult> request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieTaskStatus> GetStatusAsync(KieTask task, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieTaskResult> WaitForCompletionAsync(KieTask task, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public KieTask GetTask(string token) => KieTask.FromToken(token);

        public KieTask GetTask(string taskId, KieModelInfo model) => KieTask.For(taskId, model, DateTimeOffset.UnixEpoch);

        public Task<decimal> GetCreditsAsync(CancellationToken cancellationToken = default) => Task.FromResult(100m);

        public Task<Uri> GetDownloadUrlAsync(Uri fileUrl, CancellationToken cancellationToken = default) => Task.FromResult(fileUrl);

        public Task DownloadAsync(Uri fileUrl, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<string>> SaveAsync(KieTaskResult result, string directory, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SaveAsync(Uri fileUrl, string path, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieUploadedFile> UploadAsync(ReadOnlyMemory<byte> content, string fileName, string uploadPath, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieUploadedFile> UploadFromUrlAsync(Uri fileUrl, string uploadPath, string? fileName = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieUploadedFile> UploadAsync(Stream content, string fileName, string uploadPath, string? contentType = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieModelList> ListModelsAsync(KieModelQuery? query = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieModelSchema> GetModelSchemaAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<byte[]?> GetModelSchemaUtf8Async(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieModelPrice> GetModelPriceAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<KieSuccessRate> GetModelSuccessRateAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<HttpResponseMessage> SendChatAsync(string path, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
