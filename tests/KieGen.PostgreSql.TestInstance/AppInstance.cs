using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using KieGen.AspNetCore;
using KieGen.Callbacks;
using KieGen.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KieGen.PostgreSql.TestInstance;

/// <summary>How one instance runs.</summary>
/// <param name="Name">Its name in the handler-run records.</param>
/// <param name="ConnectionString">The shared database.</param>
/// <param name="KieBase">The fake Kie server.</param>
/// <param name="ApiKey">The shared key.</param>
/// <param name="Port">Where it listens for callbacks; 0 for an instance without callbacks.</param>
public sealed record InstanceSettings(string Name, string ConnectionString, Uri KieBase, string ApiKey, int Port)
{
    public const string HmacKey = "hook-secret";

    public int CreateLimit { get; init; } = 20;

    public TimeSpan CreateWindow { get; init; } = TimeSpan.FromSeconds(10);

    public int StatusLimitPerSecond { get; init; } = 10;

    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the limits and state go through PostgreSQL (false: the in-process defaults, for comparison).</summary>
    public bool Shared { get; init; } = true;

    /// <summary>Whether this instance handles callbacks (false: it only submits and waits, hearing of completions from others).</summary>
    public bool HandlesCallbacks { get; init; } = true;

    /// <summary>The handler never returns (the instance is to be killed while it runs).</summary>
    public bool HandlerBlocks { get; init; }
}

/// <summary>
/// An app instance: <c>AddKieClient().UsePostgreSql(...)</c>, and with a port, <c>AddKieCallbacks</c> and
/// <c>MapKieCallbacks</c> on 127.0.0.1 with a handler that records each run in the table <c>handler_runs</c>.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AppInstance(WebApplication app, InstanceSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public InstanceSettings Settings { get; }

    public IServiceProvider Services => _app.Services;

    public KieClient Client => _app.Services.GetRequiredService<KieClient>();

    public IKieCompletionNotifier Notifier => _app.Services.GetRequiredService<IKieCompletionNotifier>();

    public IKieCallbackInbox Inbox => _app.Services.GetRequiredService<IKieCallbackInbox>();

    /// <summary>Handler runs that finished here.</summary>
    public ConcurrentQueue<KieTaskCompletion> Handled { get; } = new();

    /// <summary>Called when a handler starts, with the task id.</summary>
    public event Action<string>? Handling;

    public static async Task<AppInstance> StartAsync(InstanceSettings settings, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));
        AppInstance? self = null;
        var client = builder.Services.AddKieClient(o =>
        {
            o.ApiKey = settings.ApiKey;
            o.BaseAddress = settings.KieBase;
            o.CreateLimit = settings.CreateLimit;
            o.CreateWindow = settings.CreateWindow;
            o.StatusLimitPerSecond = settings.StatusLimitPerSecond;
            o.SubmitRetries = 0; // a 429 would surface instead of being retried
            if (settings.Port != 0)
            {
                o.Callbacks.PublicBaseUrl = new Uri($"http://127.0.0.1:{settings.Port}/");
                o.Callbacks.HmacKey = InstanceSettings.HmacKey;
                o.Callbacks.FallbackPollInterval = TimeSpan.FromMinutes(10); // waits end by the fan-out, not by polling
            }
        });
        if (settings.Shared)
        {
            client.UsePostgreSql(settings.ConnectionString);
        }

        if (settings.Port != 0 && settings.HandlesCallbacks)
        {
            builder.Services.AddKieCallbacks(o =>
            {
                o.ClaimLease = settings.ClaimLease;
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.RetryDelay = TimeSpan.FromMilliseconds(200);
            });
            builder.Services.AddSingleton<Func<AppInstance>>(() => self!);
            builder.Services.AddKieTaskHandler<RecordingHandler>();
        }

        var app = builder.Build();
        if (settings.Port != 0 && settings.HandlesCallbacks)
        {
            app.MapKieCallbacks();
        }

        self = new AppInstance(app, settings);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class RecordingHandler(Func<AppInstance> self) : IKieTaskHandler
    {
        public async Task HandleAsync(KieTaskCompletion completion, CancellationToken cancellationToken)
        {
            var instance = self();
            await RecordAsync(instance.Settings, completion, "started", cancellationToken).ConfigureAwait(false);
            instance.Handling?.Invoke(completion.Task.TaskId);
            if (instance.Settings.HandlerBlocks)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }

            await RecordAsync(instance.Settings, completion, "finished", cancellationToken).ConfigureAwait(false);
            instance.Handled.Enqueue(completion);
        }

        private static async Task RecordAsync(InstanceSettings settings, KieTaskCompletion completion, string phase, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("""
                CREATE TABLE IF NOT EXISTS handler_runs (instance text, task_id text, outcome text, phase text, at timestamptz DEFAULT clock_timestamp());
                INSERT INTO handler_runs (instance, task_id, outcome, phase) VALUES (@instance, @task_id, @outcome, @phase)
                """, connection);
            command.Parameters.AddWithValue("instance", settings.Name);
            command.Parameters.AddWithValue("task_id", completion.Task.TaskId);
            command.Parameters.AddWithValue("outcome", completion.Status.State.ToString());
            command.Parameters.AddWithValue("phase", phase);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
