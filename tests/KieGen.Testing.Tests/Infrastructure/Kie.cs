using System.Net.Http.Headers;

namespace KieGen.Testing.Tests.Infrastructure;

/// <summary>A started fake server on a manual clock, and a plain HttpClient authorised for it.</summary>
public sealed class Kie : IAsyncDisposable
{
    private Kie(FakeKieServer server, ManualTimeProvider clock)
    {
        Server = server;
        Clock = clock;
        Http = Client(server.BaseAddress, FakeKieOptions.DefaultApiKey);
        Upload = Client(server.UploadBaseAddress, FakeKieOptions.DefaultApiKey);
    }

    public FakeKieServer Server { get; }

    public ManualTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public HttpClient Upload { get; }

    public static async Task<Kie> StartAsync(Action<FakeKieOptions>? configure = null)
    {
        var clock = new ManualTimeProvider();
        // Kie's pace on the manual clock: the tests read each state at the time Kie would show it.
        var options = new FakeKieOptions { TimeProvider = clock, Timing = FakeKieTiming.Realistic };
        configure?.Invoke(options);
        return new Kie(await FakeKieServer.StartAsync(options, TestContext.Current.CancellationToken), clock);
    }

    public static HttpClient Client(Uri baseAddress, string? key)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>
    /// Waits (in real time) until the server under test has brought <paramref name="condition"/> about; the 30 s bound
    /// only turns a hang into a failure.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "timed out waiting until " + what);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json, HttpClient? http = null)
    {
        using var response = await (http ?? Http).PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string pathAndQuery, HttpClient? http = null)
    {
        using var response = await (http ?? Http).GetAsync(pathAndQuery, TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Creates a task and returns its id, asserting the documented create envelope.</summary>
    public async Task<string> CreateAsync(string path, string json)
    {
        var (status, body) = await PostAsync(path, json);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, body.GetProperty("code").GetInt32());
        Assert.Equal("success", body.GetProperty("msg").GetString());
        return body.GetProperty("data").GetProperty("taskId").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string path, string taskId)
    {
        var (status, body) = await GetAsync($"{path}?taskId={taskId}");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(200, body.GetProperty("code").GetInt32());
        return body.GetProperty("data");
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Upload.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Request bodies used across tests.</summary>
public static class Bodies
{
    public const string Kling = """{"model":"kling-2.6/image-to-video","callBackUrl":"https://example.com/cb","input":{"prompt":"a lighthouse","image_urls":["https://example.com/a.png"],"sound":false,"duration":"5"}}""";

    public static string KlingTo(string callbackUrl) => Kling.Replace("https://example.com/cb", callbackUrl, StringComparison.Ordinal);
}
