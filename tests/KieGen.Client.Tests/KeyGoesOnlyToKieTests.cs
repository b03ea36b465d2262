using System.Buffers.Text;
using KieGen.Callbacks;
using KieGen.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KieGen.Client.Tests;

/// <summary>The API key reaches the configured Kie address and nothing else: no foreign host, no log event.</summary>
public class KeyGoesOnlyToKieTests
{
    public static TheoryData<string> ForeignPaths(int port) => new()
    {
        $"http://127.0.0.1:{port}/api/v1/jobs/recordInfo",
        $"//127.0.0.1:{port}/api/v1/jobs/recordInfo",
        $"/api/v1/..//127.0.0.1:{port}/x",
        "/api/v1/../../x",
        "/api/v1/%2e%2e/x",
        "\\\\evil\\api",
        "/api/v1/jobs/recordInfo?x=1",
        "api/v1/jobs/recordInfo",
        "",
    };

    [Fact]
    public void Tokens_tasks_and_stored_records_that_name_another_host_are_rejected_with_a_clear_error()
    {
        foreach (var path in ForeignPaths(9))
        {
            var token = Token(path, family: 1); // Veo: any /api/ path of plain segments would be accepted
            var error = Assert.Throws<FormatException>(() => KieTask.FromToken(token));
            Assert.Contains("not a Kie endpoint path", error.Message);
            Assert.Throws<ArgumentException>(() => new KieTask("t1", "veo3", Requests.KieApiFamily.Veo, Requests.KieResultKind.Video, path, DateTimeOffset.UnixEpoch));
            var record = new KieTaskRecord("c1", "t1", "veo3", Requests.KieApiFamily.Veo, Requests.KieResultKind.Video, path, DateTimeOffset.UnixEpoch);
            Assert.Throws<ArgumentException>(() => record.ToTask());
        }

        // A Market task is only ever read from the Market status endpoint.
        Assert.Throws<FormatException>(() => KieTask.FromToken(Token("/api/v1/chat/credit", family: 0)));
        Assert.Equal("/api/v1/veo/record-info", KieTask.FromToken(Token("/api/v1/veo/record-info", family: 1)).StatusPath);
    }

    [Fact]
    public async Task The_key_is_in_no_request_to_another_host_and_in_no_log_events_structured_state_at_trace()
    {
        await using var h = await Harness.StartAsync();
        await using var files = await FakeFileHost.StartAsync(TestContext.Current.CancellationToken);
        var foreignFile = files.Serve("results/a.png", [1, 2, 3], "image/png");
        var redirect = files.Redirect("results/moved.png", new Uri(files.Address, "results/a.png").ToString());
        var logs = new StructuredLogCapture();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<TimeProvider>(h.Clock);
        services.AddKieClient(o =>
        {
            o.ApiKey = h.Key;
            o.BaseAddress = h.Server.BaseAddress;
            o.UploadBaseAddress = h.Server.UploadBaseAddress;
        }).ConfigurePrimaryHttpMessageHandler(() => h.InFlight);
        await using var provider = services.BuildServiceProvider();
        var viaFactory = provider.GetRequiredService<KieClient>();
        using var direct = new KieClient(h.Options, new HttpClient(h.InFlight, disposeHandler: false), provider.GetRequiredService<ILoggerFactory>().CreateLogger<KieClient>(), h.Clock);

        foreach (var client in new[] { viaFactory, direct })
        {
            var result = await h.DriveAsync(client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));
            await client.GetCreditsAsync(TestContext.Current.CancellationToken);
            using var sink = new MemoryStream();
            await client.DownloadAsync(result.Urls[0], sink, cancellationToken: TestContext.Current.CancellationToken);
            await client.DownloadAsync(foreignFile, sink, cancellationToken: TestContext.Current.CancellationToken);
            await client.DownloadAsync(redirect, sink, cancellationToken: TestContext.Current.CancellationToken);
            foreach (var path in ForeignPaths(files.Address.Port))
            {
                Assert.Throws<FormatException>(() => client.GetTask(Token(path, family: 1)));
            }
        }

        // The named client reused for another host: the handler attaches nothing.
        using (var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(KieClient.HttpClientName))
        {
            using var response = await http.GetAsync(foreignFile, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode);
        }

        Assert.Equal(7, files.Requests.Count);
        Assert.All(files.Requests, r =>
        {
            Assert.Null(r.ApiKey);
            Assert.DoesNotContain(r.Headers.Values, v => v.Contains(h.Key, StringComparison.Ordinal));
        });
        Assert.Contains(logs.Events, e => e.StartsWith("Trace System.Net.Http.HttpClient.KieGen.ClientHandler", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Events, e => e.Contains(h.Key, StringComparison.Ordinal));
        Assert.All(h.Server.Requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)), r => Assert.Equal(h.Key, r.ApiKey));
        Assert.All(h.Server.Requests.Where(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)), r => Assert.Null(r.ApiKey));
    }

    /// <summary>A resume token as <see cref="KieTask.ToToken"/> writes it, with a chosen status path.</summary>
    private static string Token(string statusPath, int family)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["t"] = "t1", ["m"] = "veo3", ["f"] = family, ["r"] = 1, ["s"] = statusPath, ["c"] = 0 });
        return Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));
    }
}
