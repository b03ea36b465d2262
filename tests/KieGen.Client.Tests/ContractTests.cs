using System.Reflection;
using KieGen.Client.Tests.Infrastructure;
using KieGen.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.Client.Tests;

/// <summary>Contracts users build on: resume tokens across versions, the exception hierarchy, a client a test can mock.</summary>
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
    public void Every_public_member_of_the_client_is_virtual_so_a_test_can_override_it()
    {
        Assert.False(typeof(KieClient).IsSealed);
        var forMocking = typeof(KieClient).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes);
        Assert.True(forMocking is { IsFamily: true }, "KieClient needs a protected parameterless constructor for mocking");

        // Dispose() follows the dispose pattern: it calls the virtual Dispose(bool).
        var fixedMembers = PublicMembers().Where(m => !m.IsVirtual || m.IsFinal).Select(Shape).ToList();

        Assert.Equal([nameof(KieClient.Dispose) + "()"], fixedMembers);
        Assert.Contains(nameof(KieClient.SubmitAsync) + "(TRequest,String,CancellationToken)", PublicMembers().Select(Shape));
    }

    [Fact]
    public async Task Every_operation_a_test_client_did_not_override_throws_a_clear_error_naming_it()
    {
        var kie = new BareKie();
        var operations = PublicMembers().Where(m => m.Name is not (nameof(KieClient.Dispose) or nameof(ToString))).ToList();
        Assert.NotEmpty(operations);

        foreach (var operation in operations)
        {
            var method = operation.IsGenericMethodDefinition ? operation.MakeGenericMethod(typeof(IKieRequest)) : operation;
            var name = method.IsSpecialName ? method.Name["get_".Length..] : method.Name;
            var error = await Record.ExceptionAsync(async () =>
            {
                try
                {
                    var returned = method.Invoke(kie, method.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray());
                    if (returned is Task task)
                    {
                        await task;
                    }
                }
                catch (TargetInvocationException e)
                {
                    throw e.InnerException!;
                }
            });

            // SubmitAndWaitAsync runs through the virtual SubmitAsync, so it names the first operation to override.
            var named = name == nameof(KieClient.SubmitAndWaitAsync) ? nameof(KieClient.SubmitAsync) : name;
            Assert.True(error is InvalidOperationException, $"{Shape(operation)} threw {error?.GetType().Name ?? "nothing"}");
            Assert.Contains($"{nameof(BareKie)}.{named} is not overridden", error!.Message, StringComparison.Ordinal);
        }

        Assert.Contains("made for mocking", kie.ToString(), StringComparison.Ordinal);
        kie.Dispose();
    }

    [Fact]
    public void AddKieClient_keeps_a_test_client_registered_before_it()
    {
        var kie = new BareKie();
        var services = new ServiceCollection();
        services.AddSingleton<KieClient>(kie);
        services.AddKieClient();
        using var provider = services.BuildServiceProvider();

        Assert.Same(kie, provider.GetRequiredService<KieClient>());
    }

    [Fact]
    public void The_model_factory_builds_every_kie_type_the_client_returns()
    {
        var buildable = typeof(KieModelFactory).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.ReturnType).ToHashSet();
        var returned = new HashSet<Type>();
        // The options are the user's own input, made with their public constructor.
        var pending = new Queue<Type>(PublicMembers().Select(m => m.ReturnType).Where(t => t != typeof(KieClientOptions))
            .Concat(PublicMembers().SelectMany(m => m.GetParameters()).Select(p => p.ParameterType).Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IProgress<>))));
        // KieGen's own types: the client's and the task types it returns (KieTask, KieTaskResult, ...).
        while (pending.TryDequeue(out var type))
        {
            if (type.IsGenericParameter)
            {
                // CallAsync's TResult: a generated result class, made with its own public initialisers.
                continue;
            }

            if (type.IsGenericType)
            {
                // Task<T>, IReadOnlyList<T>, IProgress<T>: what a mock returns or reports is inside.
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Enqueue(argument);
                }
            }
            else if (type.Namespace is "KieGen.Client" or "KieGen.Tasks" && type.IsClass && type != typeof(KieClient) && returned.Add(type))
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Enqueue(property.PropertyType);
                }
            }
        }

        Assert.Contains(typeof(KieTrack), returned); // reached through KieTaskResult.Tracks
        Assert.Empty(returned.Where(t => !buildable.Contains(t)).Select(t => t.Name).Order());
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
        Assert.Equal(("t-3", "succeeded"), (done.Result!.TaskId, done.RawState));
        var failed = KieModelFactory.TaskStatus("t-4", KieTaskState.Failed, failCode: "501", failMessage: "no");
        Assert.Null(failed.Result);
        var veo = KieModelFactory.Task("t-5", "veo3.1/generate", KieApiFamily.Veo, KieResultKind.Video, "/api/v1/veo/record-info");
        Assert.Equal(KieApiFamily.Veo, KieTask.FromToken(veo.ToToken()).Family);
        Assert.Throws<ArgumentException>(() => KieModelFactory.Task(statusPath: "https://elsewhere.example/steal"));
        using var schema = KieModelFactory.ModelSchema("m", null, new Uri("https://api.kie.ai/api/v1/models/m/schema"));
        Assert.Null(schema.OpenApi);
        Assert.Equal("r-6", KieModelFactory.Task("t-6", recordId: "r-6").RecordId);
        Assert.Equal(2, KieModelFactory.ModelList([KieModelFactory.CatalogModel(), KieModelFactory.CatalogModel("kling-3.0/video", taskTypes: ["Text to Video"])]).Total);
        var bucket = KieModelFactory.SuccessRatePoint(successRate: 0.75);
        Assert.Equal((0.25, TimeSpan.FromMinutes(10)), (bucket.ErrorRate!.Value, bucket.End!.Value - bucket.Start!.Value));
        Assert.Empty(KieModelFactory.SuccessRate().Points);
    }

    /// <summary>Public instance methods (property getters included) of the client itself.</summary>
    private static IEnumerable<MethodInfo> PublicMembers() =>
        typeof(KieClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

    private static string Shape(MethodInfo m) => m.Name + "(" + string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name)) + ")";

    /// <summary>What a user's application might do with Kie: one image for a prompt, or none when the task fails.</summary>
    private sealed class ThumbnailService(KieClient kie)
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

    /// <summary>
    /// A tiny test client, as a user would write one: overrides the two operations that SubmitAndWaitAsync runs
    /// through and answers from memory, no server, no key.
    /// </summary>
    private sealed class HandWrittenKie(KieTaskResult? result = null, Exception? failure = null) : KieClient
    {
        public List<IKieRequest> Submitted { get; } = [];

        public override Task<KieTask> SubmitAsync<TRequest>(TRequest request, string? callbackUrl = null, CancellationToken cancellationToken = default)
        {
            Submitted.Add(request);
            return Task.FromResult(KieModelFactory.Task("t-1", request.ModelInfo.ModelId));
        }

        public override Task<KieTaskResult> WaitForCompletionAsync(KieTask task, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            failure is null ? Task.FromResult(result!) : Task.FromException<KieTaskResult>(failure);
    }

    /// <summary>Nothing but the protected constructor: every operation is the base class's.</summary>
    private sealed class BareKie : KieClient;
}
