using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KieGen.AspNetCore;
using KieGen.Callbacks;
using KieGen.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What runs when a callback-confirmed task finishes, besides registered <see cref="IKieTaskHandler"/>s, and how the
/// callback inbox is worked: retries with backoff, a dead-letter state, claims that lapse, a bound.
/// </summary>
public sealed class KieCallbackHandlerOptions
{
    /// <summary>Called once per finished task and outcome (at least once: again after a failure), whether or not anything awaits it.</summary>
    public Func<KieTaskCompletion, CancellationToken, Task>? OnTaskCompleted { get; set; }

    /// <summary>Attempts at one callback (confirming status read and handlers) before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The pause after the first failed attempt; doubled after each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claimed callback stays with the instance handling it; after that (the instance died), another takes it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Callbacks handled at once.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>How often the inbox is checked for due retries and lapsed claims when no callback arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most callbacks pending in the default in-memory inbox; beyond it the endpoint answers 503 and Kie delivers again.</summary>
    public int InboxCapacity { get; set; } = 10_000;
}

/// <summary>Wires Kie callbacks into an ASP.NET Core app.</summary>
public static class KieCallbackExtensions
{
    /// <summary>
    /// Adds the Kie client (if not yet added) and callback processing. Configure <c>Kie:Callbacks:PublicBaseUrl</c>
    /// and <c>Kie:Callbacks:HmacKey</c>; then map the endpoint with <see cref="MapKieCallbacks"/>.
    /// </summary>
    public static IServiceCollection AddKieCallbacks(this IServiceCollection services, Action<KieCallbackHandlerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(KieClient)))
        {
            services.AddKieClient();
        }

        var handlerOptions = services.AddOptions<KieCallbackHandlerOptions>();
        if (configure is not null)
        {
            handlerOptions.Configure(configure);
        }

        handlerOptions
            .Validate(o => o.MaxAttempts >= 1, "KieCallbackHandlerOptions.MaxAttempts must be at least 1.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "KieCallbackHandlerOptions.RetryDelay must be longer than zero and no longer than MaxRetryDelay.")
            .Validate(o => o.ClaimLease > TimeSpan.Zero, "KieCallbackHandlerOptions.ClaimLease must be longer than zero.")
            .Validate(o => o.Parallelism >= 1, "KieCallbackHandlerOptions.Parallelism must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "KieCallbackHandlerOptions.PollInterval must be longer than zero.")
            .Validate(o => o.InboxCapacity >= 1, "KieCallbackHandlerOptions.InboxCapacity must be at least 1.")
            .ValidateOnStart();

        // A development tunnel may be plain http; anywhere else the public callback URL must be https.
        services.AddOptions<KieClientOptions>().PostConfigure<IServiceProvider>((options, provider) =>
        {
            if (provider.GetService<IHostEnvironment>()?.IsDevelopment() == true)
            {
                options.Callbacks.AllowHttp = true;
            }
        });
        services.TryAddSingleton<IKieCallbackInbox>(provider => new InMemoryKieCallbackInbox(
            provider.GetRequiredService<IOptions<KieCallbackHandlerOptions>>().Value.InboxCapacity, provider.GetService<TimeProvider>()));
        services.TryAddSingleton<KieCallbackProcessor>();
        services.AddHostedService<KieCallbackWorker>();
        return services;
    }

    /// <summary>Registers a handler that runs for every finished task (scoped: one instance per completion).</summary>
    public static IServiceCollection AddKieTaskHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services)
        where THandler : class, IKieTaskHandler
    {
        services.AddScoped<IKieTaskHandler, THandler>();
        return services;
    }

    /// <summary>
    /// Maps the callback endpoint (default: <c>KieCallbackOptions.Path</c>, <c>/kie/callbacks</c>). It answers 401 to a
    /// forged or stale callback and 400 to an unreadable one, doing nothing else; a verified one is committed to the
    /// <see cref="IKieCallbackInbox"/> and only then answered 200 (503 when the inbox is full), and is confirmed
    /// against Kie's status and handled from the inbox in the background.
    /// </summary>
    public static IEndpointConventionBuilder MapKieCallbacks(this IEndpointRouteBuilder endpoints, string? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var path = pattern ?? endpoints.ServiceProvider.GetRequiredService<IOptions<KieClientOptions>>().Value.Callbacks.Path;
        var processor = endpoints.ServiceProvider.GetRequiredService<KieCallbackProcessor>();
        return endpoints.MapPost(path, (RequestDelegate)processor.ReceiveAsync);
    }
}
