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
    private int _handlerCalls;
    private bool _stopped;
    private bool _sharesServer;

    private CallbackApp(FakeKieServer server, ManualTimeProvider clock, WebApplication app, Uri address, string key, InFlightRequests inFlight)
    {
        InFlight = inFlight;
        Server = server;
        Clock = clock;
        _app = app;
        Address = address;
        Key = key;
        Client = app.Services.GetRequiredService<KieClient>();
        Store = app.Services.GetRequiredService<IKieTaskStore>();
        Notifier = app.Services.GetRequiredService<IKieCompletionNotifier>();
        Inbox = app.Services.GetRequiredService<IKieCallbackInbox>();
    }

    public FakeKieServer Server { get; }

    public ManualTimeProvider Clock { get; }

    public Uri Address { get; }

    public string Key { get; }

    public KieClient Client { get; }

    public IKieTaskStore Store { get; }

    public IKieCompletionNotifier Notifier { get; }

    public IKieCallbackInbox Inbox { get; }

    /// <summary>The app's Kie calls still waiting for an answer.</summary>
    public InFlightRequests InFlight { get; }

    /// <summary>Runs in the handler before it records a completion: may throw or block, to test retries and kills.</summary>
    public Func<KieTaskCompletion, CancellationToken, Task>? Behaviour { get; set; }

    /// <summary>Every time the handler was called, successful or not.</summary>
    public int HandlerCalls => Volatile.Read(ref _handlerCalls);

    public Uri CallbackUrl => new(Address, "kie/callbacks");

    /// <summary>Every completion the app's handler and OnTaskCompleted saw.</summary>
    public ConcurrentQueue<KieTaskCompletion> Handled { get; } = new();

    public ConcurrentQueue<KieTaskCompletion> Hooked { get; } = new();

    public static async Task<CallbackApp> StartAsync(
        Action<FakeKieOptions>? server = null, Action<KieClientOptions>? client = null, Action<KieCallbackHandlerOptions>? handlers = null,
        CallbackApp? sharing = null)
    {
        // Sharing another app's fake server, clock, key, store and inbox: a second instance of the same app, or the
        // same app restarted (the in-memory inbox standing in for a durable one).
        var clock = sharing?.Clock ?? new ManualTimeProvider(DateTimeOffset.UtcNow);
        FakeKieServer kie;
        string key;
        if (sharing is not null)
        {
            (kie, key) = (sharing.Server, sharing.Key);
        }
        else
        {
            // Kie's pace on the manual clock: the tests move the clock past states and callback schedules.
            var options = new FakeKieOptions { TimeProvider = clock, WebhookHmacKey = HmacKey, Timing = FakeKieTiming.Realistic };
            options.ApiKeys.Clear();
            key = options.AddApiKey(1000);
            server?.Invoke(options);
            kie = await FakeKieServer.StartAsync(options, TestContext.Current.CancellationToken);
        }

        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton<TimeProvider>(clock);
        if (sharing is not null)
        {
            builder.Services.AddSingleton(sharing.Store);
            builder.Services.AddSingleton(sharing.Inbox);
        }

        CallbackApp? self = null;
        var inFlight = new InFlightRequests();
        builder.Services.AddKieClient(o =>
        {
            kie.ConfigureClient(o, key);
            o.Callbacks.PublicBaseUrl = address;
            o.Callbacks.HmacKey = HmacKey;
            o.Callbacks.FallbackPollInterval = TimeSpan.FromMinutes(10); // far beyond any test task, so waits end only by callback
            client?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(() => inFlight);
        builder.Services.AddKieCallbacks(o =>
        {
            o.OnTaskCompleted = (completion, _) =>
            {
                self!.Hooked.Enqueue(completion);
                return Task.CompletedTask;
            };
            o.PollInterval = TimeSpan.FromSeconds(1);
            handlers?.Invoke(o);
        });
        // A function, not the app itself: the container disposes what its factories return, and the app owns the container.
        builder.Services.AddSingleton<Func<CallbackApp>>(() => self!);
        builder.Services.AddKieTaskHandler<RecordingHandler>();
        var app = builder.Build();
        app.MapKieCallbacks();
        await app.StartAsync(TestContext.Current.CancellationToken);
        self = new CallbackApp(kie, clock, app, address, key, inFlight) { _sharesServer = sharing is not null };
        return self;
    }

    /// <summary>Runs <paramref name="work"/> to its end on the manual clock, letting real HTTP settle between steps.</summary>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan? step = null)
    {
        for (var i = 0; i < 20_000 && !work.IsCompleted; i++)
        {
            var seen = -1;
            while (!work.IsCompleted && (seen != Activity() || InFlight.Count > 0))
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

    /// <summary>
    /// Waits (in real time) until a condition holds: background processing is asynchronous. The 30 s bound only turns
    /// a hang into a failure; a loaded CI machine can take seconds where an idle one takes milliseconds.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "timed out waiting until " + what);
    }

    /// <summary>
    /// Moves the clock in steps until the background work under test brings <paramref name="condition"/> about (its
    /// retries and polls are due on this clock), letting it run between steps.
    /// </summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step, string what)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            Clock.Advance(step);
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
    public Task<HttpStatusCode> PostCallbackAsync(string body, string? timestamp, string? signature, string? correlation = null) =>
        PostCallbackAsync(Encoding.UTF8.GetBytes(body), timestamp, signature, correlation);

    /// <summary>Posts raw bytes as a callback body (which need not be valid UTF-8).</summary>
    public async Task<HttpStatusCode> PostCallbackAsync(byte[] body, string? timestamp, string? signature, string? correlation = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, CallbackUrl + (correlation is null ? "" : "?kie-task=" + correlation))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") } },
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

    /// <summary>Stops this instance only (its fake server, store and inbox stay for an app sharing them).</summary>
    public async Task StopAppAsync()
    {
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAppAsync();
        }

        if (!_sharesServer)
        {
            await Server.DisposeAsync();
        }
    }

    private int Activity() => Server.Requests.Count + Server.Callbacks.Count;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RecordingHandler(Func<CallbackApp> self) : IKieTaskHandler
    {
        public async Task HandleAsync(KieTaskCompletion completion, CancellationToken cancellationToken)
        {
            var app = self();
            Interlocked.Increment(ref app._handlerCalls);
            if (app.Behaviour is { } behaviour)
            {
                await behaviour(completion, cancellationToken);
            }

            app.Handled.Enqueue(completion);
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
