using System.Collections.Concurrent;
using System.Net.Sockets;
using KieGen.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KieGen.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A real ASP.NET Core app on loopback with MapKieCallbacks, and the fake Kie server that calls it back, sharing one
/// manual clock.
/// </summary>
public sealed class CallbackApp : IAsyncDisposable
{
    public const string HmacKey = "hook-secret";

    private readonly WebApplication _app;

    private CallbackApp(FakeKieServer server, ManualTimeProvider clock, WebApplication app, Uri address, string key)
    {
        Server = server;
        Clock = clock;
        _app = app;
        Address = address;
        Key = key;
        Client = app.Services.GetRequiredService<KieClient>();
        Store = app.Services.GetRequiredService<IKieTaskStore>();
        Notifier = app.Services.GetRequiredService<IKieCompletionNotifier>();
    }

    public FakeKieServer Server { get; }

    public ManualTimeProvider Clock { get; }

    public Uri Address { get; }

    public string Key { get; }

    public KieClient Client { get; }

    public IKieTaskStore Store { get; }

    public IKieCompletionNotifier Notifier { get; }

    public Uri CallbackUrl => new(Address, "kie/callbacks");

    /// <summary>Every completion the app's handler and OnTaskCompleted saw.</summary>
    public ConcurrentQueue<KieTaskCompletion> Handled { get; } = new();

    public ConcurrentQueue<KieTaskCompletion> Hooked { get; } = new();

    public static async Task<CallbackApp> StartAsync(Action<FakeKieOptions>? server = null, Action<KieClientOptions>? client = null)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var key = "key-" + Guid.NewGuid().ToString("N");
        var options = new FakeKieOptions { TimeProvider = clock, WebhookHmacKey = HmacKey };
        options.ApiKeys.Clear();
        options.ApiKeys[key] = 1000;
        server?.Invoke(options);
        var kie = await FakeKieServer.StartAsync(options, TestContext.Current.CancellationToken);

        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton<TimeProvider>(clock);
        CallbackApp? self = null;
        builder.Services.AddKieClient(o =>
        {
            o.ApiKey = key;
            o.BaseAddress = kie.BaseAddress;
            o.UploadBaseAddress = kie.UploadBaseAddress;
            o.Callbacks.PublicBaseUrl = address;
            o.Callbacks.HmacKey = HmacKey;
            o.Callbacks.FallbackPollInterval = TimeSpan.FromMinutes(10); // far beyond any test task, so waits end only by callback
            client?.Invoke(o);
        });
        builder.Services.AddKieCallbacks(o => o.OnTaskCompleted = (completion, _) =>
        {
            self!.Hooked.Enqueue(completion);
            return Task.CompletedTask;
        });
        builder.Services.AddSingleton(_ => self!);
        builder.Services.AddKieTaskHandler<RecordingHandler>();
        var app = builder.Build();
        app.MapKieCallbacks();
        await app.StartAsync(TestContext.Current.CancellationToken);
        self = new CallbackApp(kie, clock, app, address, key);
        return self;
    }

    /// <summary>Runs <paramref name="work"/> to its end on the manual clock, letting real HTTP settle between steps.</summary>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan? step = null)
    {
        for (var i = 0; i < 20_000 && !work.IsCompleted; i++)
        {
            var seen = -1;
            while (!work.IsCompleted && seen != Activity())
            {
                seen = Activity();
                await Task.WhenAny(work, Task.Delay(5, TestContext.Current.CancellationToken));
            }

            if (!work.IsCompleted)
            {
                Clock.AdvanceToNextTimer(step ?? TimeSpan.FromSeconds(1));
            }
        }

        return await work;
    }

    /// <summary>Waits (in real time) until a condition holds: background processing is asynchronous.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "timed out waiting until " + what);
    }

    /// <summary>Settles: no new request or callback for a while (so a test can assert nothing more happens).</summary>
    public async Task SettleAsync()
    {
        var seen = -1;
        while (seen != Activity())
        {
            seen = Activity();
            await Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public int StatusCalls(string taskId) => Server.Requests.Count(r => r.Url.Contains("taskId=" + taskId, StringComparison.Ordinal));

    /// <summary>Posts a callback the way Kie does, with chosen headers.</summary>
    public async Task<HttpStatusCode> PostCallbackAsync(string body, string? timestamp, string? signature, string? correlation = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, CallbackUrl + (correlation is null ? "" : "?kie-task=" + correlation))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (timestamp is not null)
        {
            request.Headers.Add("X-Webhook-Timestamp", timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Webhook-Signature", signature);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public string Now() => Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Server.DisposeAsync();
    }

    private int Activity() => Server.Requests.Count + Server.Callbacks.Count;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RecordingHandler(CallbackApp app) : IKieTaskHandler
    {
        public Task HandleAsync(KieTaskCompletion completion, CancellationToken cancellationToken)
        {
            app.Handled.Enqueue(completion);
            return Task.CompletedTask;
        }
    }
}

public static class Sample
{
    public static IKieRequest NanoBanana() => new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" };

    public static IKieRequest Parse(string modelId, string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(KieGen.Models.KieGenCatalog.Models[modelId].TryParse(document.RootElement, out var request, out var errors), string.Join("; ", errors));
        return request;
    }
}
