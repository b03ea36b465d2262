using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Models;
using KieGen.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KieGen.Testing;

/// <summary>
/// A fake of api.kie.ai: a real Kestrel server on 127.0.0.1 that speaks Kie's wire protocol (Market and special
/// families, credits, download links, uploads on a second address, signed callbacks, limits) with time from an
/// injected clock, scripted outcomes, injected faults, and a record of everything it saw.
/// </summary>
/// <example>
/// <code>
/// await using var kie = await FakeKieServer.StartAsync();
/// using var client = kie.CreateClient();             // a KieClient for this server, polling every 50 ms
/// using var http = new HttpClient { BaseAddress = kie.BaseAddress };  // or raw HTTP
/// http.DefaultRequestHeaders.Authorization = new("Bearer", FakeKieOptions.DefaultApiKey);
/// </code>
/// </example>
public sealed partial class FakeKieServer : IAsyncDisposable
{
    /// <summary>How long Kie keeps generated files (14 days).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    /// <summary>How long a link from <c>common/download-url</c> stays valid (20 minutes).</summary>
    public static readonly TimeSpan DownloadLinkLifetime = TimeSpan.FromMinutes(20);

    private const string MarketCreate = "/api/v1/jobs/createTask";
    private const string MarketStatus = "/api/v1/jobs/recordInfo";

    private readonly object _gate = new();
    private readonly FakeKieOptions _options;
    private readonly KieModelCatalog _routes;
    private readonly HashSet<string> _specialCreatePaths;
    private readonly HashSet<string> _statusPaths;
    private readonly HashSet<string> _sunoStatusPaths;
    private readonly HashSet<string> _sunoCreatePaths;
    private readonly Dictionary<string, KieCatalogEntry> _calls;
    private readonly Random _random;
    private readonly List<RecordedRequest> _requests = new();
    private readonly List<FakeTask> _tasks = new();
    private readonly Dictionary<string, FakeTask> _tasksById = new(StringComparer.Ordinal);
    private readonly List<CallbackDelivery> _callbacks = new();
    private readonly List<Fault> _faults = new();
    private readonly Dictionary<string, TaskScript> _modelScripts = new(StringComparer.Ordinal);
    private readonly Queue<TaskScript> _nextScripts = new();
    private readonly Dictionary<string, decimal> _credits;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _createWindows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _statusWindows = new(StringComparer.Ordinal);
    private readonly List<ITimer> _timers = new();
    private readonly HttpClient _outbound;
    private WebApplication? _app;
    private int _uploadPort;
    private int _filePort;
    private int _pendingCallbacks;

    private FakeKieServer(FakeKieOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _credits = new Dictionary<string, decimal>(options.ApiKeys, StringComparer.Ordinal);
        // Routing knows every compiled catalog model, plus the caller's own (which may shadow catalog entries).
        _routes = options.Catalog is null ? KieGenCatalog.Models : KieGenCatalog.Models.With(options.Catalog);
        var tasks = _routes.Where(e => !e.Model.IsSynchronous).ToList();
        _specialCreatePaths = tasks.Where(e => e.Model.Family != KieApiFamily.Market).Select(e => e.Model.CreatePath).ToHashSet(StringComparer.Ordinal);
        _statusPaths = tasks.Select(e => e.Model.StatusPath).Append(MarketStatus).ToHashSet(StringComparer.Ordinal);
        _sunoCreatePaths = tasks.Where(e => e.Model.Family == KieApiFamily.Suno).Select(e => e.Model.CreatePath).ToHashSet(StringComparer.Ordinal);
        _sunoStatusPaths = tasks.Where(e => e.Model.Family == KieApiFamily.Suno).Select(e => e.Model.StatusPath).ToHashSet(StringComparer.Ordinal);
        _calls = CallRoutes();
        _outbound = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The API address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The upload address (Kie's upload host is a different one).</summary>
    public Uri UploadBaseAddress { get; private set; } = null!;

    /// <summary>The options the server runs with.</summary>
    public FakeKieOptions Options => _options;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Every task created, in order.</summary>
    public IReadOnlyList<FakeTask> Tasks
    {
        get
        {
            lock (_gate)
            {
                return _tasks.ToArray();
            }
        }
    }

    /// <summary>Every callback delivery attempt, in order.</summary>
    public IReadOnlyList<CallbackDelivery> Callbacks
    {
        get
        {
            lock (_gate)
            {
                return _callbacks.ToArray();
            }
        }
    }

    /// <summary>
    /// Starts a server on 127.0.0.1 (random free ports unless the options give them). With default options a task
    /// finishes in about a tenth of a second (<see cref="FakeKieTiming.Fast"/>); <see cref="CreateClient"/> gives a
    /// client that polls to suit.
    /// </summary>
    public static async Task<FakeKieServer> StartAsync(FakeKieOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options?.Latency ?? TimeSpan.Zero, TimeSpan.Zero, "options.Latency");
        if (options is not null)
        {
            ArgumentNullException.ThrowIfNull(options.Timing, "options.Timing");
        }
        var server = new FakeKieServer(options ?? new FakeKieOptions());
        await server.StartKestrelAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>The tasks created with one key.</summary>
    public IReadOnlyList<FakeTask> TasksCreatedBy(string apiKey) => Tasks.Where(t => t.ApiKey == apiKey).ToArray();

    /// <summary>The task with this id, or null.</summary>
    public FakeTask? FindTask(string taskId)
    {
        lock (_gate)
        {
            return _tasksById.GetValueOrDefault(taskId);
        }
    }

    /// <summary>The credit balance of a key.</summary>
    public decimal CreditsOf(string apiKey)
    {
        lock (_gate)
        {
            return _credits.GetValueOrDefault(apiKey);
        }
    }

    /// <summary>Injected faults not yet applied to a request.</summary>
    public int PendingFaults
    {
        get
        {
            lock (_gate)
            {
                return _faults.Count;
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="fault"/> to the next API or upload request it matches (one shot, in injection order).
    /// A fault whose <see cref="Fault.PathPrefix"/> starts with <c>/files/</c> hits a result-file download instead.
    /// </summary>
    public void InjectFault(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>Runs every later task of <paramref name="modelId"/> (Market id or operation key) by <paramref name="script"/>.</summary>
    public void ScriptModel(string modelId, TaskScript script)
    {
        lock (_gate)
        {
            _modelScripts[modelId] = script;
        }
    }

    /// <summary>Runs the next created task by <paramref name="script"/> (queued: one script per task, in order).</summary>
    public void ScriptNextTask(TaskScript script)
    {
        lock (_gate)
        {
            _nextScripts.Enqueue(script);
        }
    }

    /// <summary>Waits until no callback is being delivered or awaiting a retry.</summary>
    public async Task WaitForCallbacksAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref _pendingCallbacks) > 0)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Kie's webhook signature: base64(HMAC-SHA256(key, taskId + "." + timestamp)), timestamp in Unix seconds as sent
    /// in X-Webhook-Timestamp.
    /// </summary>
    public static string SignCallback(string hmacKey, string taskId, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(hmacKey);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(hmacKey), Encoding.UTF8.GetBytes(taskId + "." + timestamp));
        return Convert.ToBase64String(mac);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }

        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _outbound.Dispose();
    }

    private async Task StartKestrelAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeKieServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = Array.Empty<string>(),
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, _options.Port);
            kestrel.Listen(IPAddress.Loopback, _options.UploadPort);
            if (_options.SeparateFileHost)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            kestrel.Limits.MaxRequestBodySize = 200 * 1024 * 1024;
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.TrimEnd('/') + "/"))
            .ToList();
        BaseAddress = addresses[0];
        UploadBaseAddress = addresses[1];
        _uploadPort = UploadBaseAddress.Port;
        if (_options.SeparateFileHost)
        {
            FileHostAddress = addresses[2];
            _filePort = FileHostAddress.Port;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        await LatencyAsync(context).ConfigureAwait(false); // the request's way
        var request = context.Request;
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        request.Body.Position = 0;
        var upload = context.Connection.LocalPort == _uploadPort;
        var path = request.Path.Value ?? "/";
        var key = BearerKey(request);
        var now = _options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(
                request.Method,
                path + request.QueryString.Value,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                key,
                upload,
                now));
        }

        if (_filePort != 0 && context.Connection.LocalPort == _filePort)
        {
            await ServeSignedFileAsync(context, path, now).ConfigureAwait(false);
            return;
        }

        // Generated files are public URLs, as Kie's are: no key needed.
        if (HttpMethods.IsGet(request.Method) && path.StartsWith("/files/", StringComparison.Ordinal))
        {
            if (!await FileFaultAsync(context, path).ConfigureAwait(false))
            {
                await ServeFileAsync(context, path, upload, now).ConfigureAwait(false);
            }

            return;
        }

        if (key is null || !_credits.ContainsKey(key))
        {
            await WriteAsync(context, AuthFailure(upload), null).ConfigureAwait(false);
            return;
        }

        var fault = TakeFault(path);
        if (fault is { Kind: FaultKind.HttpError })
        {
            var msg = fault.StatusCode == 455 ? "Service unavailable: the system is under maintenance" : "Internal server error";
            await WriteAsync(context, Reply.Error(fault.StatusCode, msg) with { UploadStyle = upload, FixedStatus = true }, null).ConfigureAwait(false);
            return;
        }

        if (fault is { Kind: FaultKind.HtmlErrorPage or FaultKind.ErrorAsHttp200 })
        {
            await WriteMessyAsync(context, fault, upload).ConfigureAwait(false);
            return;
        }

        if (fault is { Kind: FaultKind.RateLimited })
        {
            await WriteAsync(context, RateLimited(fault.RetryAfter) with { UploadStyle = upload }, null).ConfigureAwait(false);
            return;
        }

        if (!upload && HttpMethods.IsPost(request.Method) && ChatRoute(path) is { } chat)
        {
            await chat(context, body).ConfigureAwait(false);
            return;
        }

        Reply reply;
        try
        {
            reply = upload
                ? await UploadAsync(context, path, body, now).ConfigureAwait(false)
                : HttpMethods.IsGet(request.Method) && path.StartsWith(ModelsPath, StringComparison.Ordinal) ? Catalog(path, request.Query, key, now)
                : Route(request.Method, path, request.Query["taskId"].ToString(), key, body, now, fault);
        }
        catch (System.Text.Json.JsonException e)
        {
            reply = Reply.Error(400, "Request body is not valid JSON: " + e.Message) with { UploadStyle = upload };
        }

        await WriteAsync(context, reply, fault).ConfigureAwait(false);
    }

    private Reply Route(string method, string path, string taskId, string key, string body, DateTimeOffset now, Fault? fault)
    {
        if (HttpMethods.IsGet(method) && path == "/api/v1/chat/credit")
        {
            var balance = CreditsOf(key);
            return Reply.Ok(w => w.WriteNumberValue(balance));
        }

        if (HttpMethods.IsPost(method) && path == "/api/v1/common/download-url")
        {
            return DownloadUrl(body, now);
        }

        if (HttpMethods.IsPost(method) && (path == MarketCreate || _specialCreatePaths.Contains(path)))
        {
            return Create(path, key, body, now);
        }

        if (HttpMethods.IsGet(method) && _statusPaths.Contains(path))
        {
            return Status(path, taskId, key, now, fault);
        }

        if (HttpMethods.IsPost(method) && _calls.TryGetValue(path, out var call))
        {
            return Call(call, key, body, now);
        }

        return Reply.NoRoute(path, now);
    }

    private Fault? TakeFault(string path)
    {
        lock (_gate)
        {
            var queued = _faults.FirstOrDefault(f => f.Matches(path));
            if (queued is not null)
            {
                _faults.Remove(queued);
                return queued;
            }

            var random = _options.RandomFaults;
            if (random is { Faults.Count: > 0 } && _random.NextDouble() < random.Probability)
            {
                var pick = random.Faults[_random.Next(random.Faults.Count)];
                return pick.Matches(path) ? pick : null;
            }

            return null;
        }
    }

    private Reply AuthFailure(bool upload) => upload
        ? new Reply(401, 401, "Authentication failed: Invalid API Key") { UploadStyle = true, FixedStatus = true }
        : new Reply(_options.AuthFailureAsHttp200 ? 200 : 401, 401, "You do not have access permissions") { FixedStatus = true };

    private Reply RateLimited(TimeSpan? retryAfter) =>
        new Reply(429, 429, "Rate limit exceeded, please try again later") { RetryAfter = retryAfter, FixedStatus = true };

    private async Task WriteAsync(HttpContext context, Reply reply, Fault? fault)
    {
        var response = context.Response;
        switch (fault?.Kind)
        {
            case FaultKind.ResetAfterProcessing:
                context.Abort();
                return;
            case FaultKind.SlowResponse:
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up first, as intended
                }

                break;
        }

        await LatencyAsync(context).ConfigureAwait(false); // the answer's way
        response.StatusCode = _options.ErrorsAsHttp200 && reply.Code != 200 && !reply.FixedStatus ? 200 : reply.HttpStatus;
        response.ContentType = "application/json";
        if (reply.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var bytes = reply.Body(fault?.Kind == FaultKind.MessageInsteadOfMsg);
        switch (fault?.Kind)
        {
            case FaultKind.MalformedJson:
                bytes = Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body></html>");
                break;
            case FaultKind.TruncatedJson:
                bytes = bytes.AsSpan(0, bytes.Length / 2).ToArray();
                break;
        }

        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary><see cref="FakeKieOptions.Latency"/>, one way; a client that gives up meanwhile aborts the request.</summary>
    private Task LatencyAsync(HttpContext context) =>
        _options.Latency > TimeSpan.Zero ? Task.Delay(_options.Latency, _options.TimeProvider, context.RequestAborted) : Task.CompletedTask;

    private static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    /// <summary>True when the key's window has room for one more event at <paramref name="now"/>; records it if so.</summary>
    private static bool Admit(Dictionary<string, Queue<DateTimeOffset>> windows, string key, int limit, TimeSpan span, DateTimeOffset now)
    {
        if (!windows.TryGetValue(key, out var window))
        {
            windows[key] = window = new Queue<DateTimeOffset>();
        }

        while (window.Count > 0 && window.Peek() <= now - span)
        {
            window.Dequeue();
        }

        if (window.Count >= limit)
        {
            return false;
        }

        window.Enqueue(now);
        return true;
    }
}
