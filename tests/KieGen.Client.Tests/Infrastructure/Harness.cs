using System.Collections.Concurrent;
using KieGen.Requests;
using Microsoft.Extensions.Logging;

namespace KieGen.Client.Tests.Infrastructure;

/// <summary>A fake Kie server and a KieClient against it, on one manual clock, with every log line captured.</summary>
public sealed class Harness : IAsyncDisposable
{
    private readonly ILoggerFactory _logs;

    private Harness(FakeKieServer server, ManualTimeProvider clock, string key, Action<KieClientOptions>? configure, CapturingLoggerProvider logs)
    {
        Server = server;
        Clock = clock;
        Key = key;
        Logs = logs;
        _logs = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        Options = server.CreateClientOptions(key);
        configure?.Invoke(Options);
        Client = NewClient();
    }

    public FakeKieServer Server { get; }

    public ManualTimeProvider Clock { get; }

    /// <summary>A key of this test's own, so parallel tests never share limits.</summary>
    public string Key { get; }

    public KieClientOptions Options { get; }

    public KieClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<Harness> StartAsync(Action<FakeKieOptions>? server = null, Action<KieClientOptions>? client = null)
    {
        var clock = new ManualTimeProvider();
        // Kie's pace on the manual clock: these tests follow a task through its states and the client's polling as against Kie.
        var options = new FakeKieOptions { TimeProvider = clock, Timing = FakeKieTiming.Realistic };
        options.ApiKeys.Clear();
        var key = options.AddApiKey(10_000);
        server?.Invoke(options);
        return new Harness(await FakeKieServer.StartAsync(options, TestContext.Current.CancellationToken), clock, key, client, new CapturingLoggerProvider());
    }

    /// <summary>The HTTP calls of every client made by <see cref="NewClient"/> that are still waiting for an answer.</summary>
    public InFlightRequests InFlight { get; } = new();

    /// <summary>A new client of the same key and clock, as another process would have.</summary>
    public KieClient NewClient() => new(Options, new HttpClient(InFlight, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, _logs.CreateLogger<KieClient>(), Clock);

    /// <summary>
    /// Runs <paramref name="work"/> to its end on the manual clock: lets real HTTP settle (no call of the client in
    /// flight, and no new request at the server for a few milliseconds), then moves the clock to the next timer (at
    /// most <paramref name="step"/>), so the server sees every request at the clock time it was sent and no request
    /// timeout fires while the server is still answering.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan? step = null, int maxSteps = 50_000)
    {
        for (var i = 0; i < maxSteps && !work.IsCompleted; i++)
        {
            var seen = -1;
            while (!work.IsCompleted && (seen != Server.Requests.Count || InFlight.Count > 0))
            {
                seen = Server.Requests.Count;
                await Task.WhenAny(work, Task.Delay(3, TestContext.Current.CancellationToken));
            }

            if (!work.IsCompleted)
            {
                Clock.AdvanceToNextTimer(step ?? TimeSpan.FromMilliseconds(500));
            }
        }

        return await work;
    }

    public Task DriveAsync(Task work, TimeSpan? step = null) => DriveAsync(work.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), step);

    /// <summary>Waits until the code under test has brought about <paramref name="condition"/> (checked every few ms, up to 30 s: only a hang should exhaust it, even on a loaded CI machine).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 6000 && !condition(); i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "timed out waiting until " + what);
    }

    public IReadOnlyList<RecordedRequest> Creates => Server.Requests.Where(r => r.Path == "/api/v1/jobs/createTask" || r.Path.EndsWith("/generate", StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        InFlight.Dispose();
        _logs.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log line and exception text, to prove the key never appears in them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {eventId.Name}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Requests used across tests.</summary>
public static class Sample
{
    public static IKieRequest Parse(string modelId, string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(KieGen.Models.KieGenCatalog.Models[modelId].TryParse(document.RootElement, out var request, out var errors), string.Join("; ", errors));
        return request;
    }

    public static IKieRequest Kling() => Parse("kling-2.6/image-to-video", """{"prompt":"a lighthouse","image_urls":["https://example.com/a.png"],"sound":false,"duration":"5"}""");

    public static IKieRequest NanoBanana() => Parse("nano-banana-2", """{"prompt":"a cat"}""");
}
