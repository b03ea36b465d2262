using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KieGen.AspNetCore;
using KieGen.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What runs when a callback-confirmed task finishes, besides registered <see cref="IKieTaskHandler"/>s.</summary>
public sealed class KieCallbackHandlerOptions
{
    /// <summary>Called once per finished task and outcome, whether or not anything awaits it.</summary>
    public Func<KieTaskCompletion, CancellationToken, Task>? OnTaskCompleted { get; set; }
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

        services.AddOptions<KieCallbackHandlerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

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
    /// forged or stale callback and 400 to an unreadable one, doing nothing else; a verified one is answered 200 at
    /// once and confirmed against Kie's status in the background.
    /// </summary>
    public static IEndpointConventionBuilder MapKieCallbacks(this IEndpointRouteBuilder endpoints, string? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var path = pattern ?? endpoints.ServiceProvider.GetRequiredService<IOptions<KieClientOptions>>().Value.Callbacks.Path;
        var processor = endpoints.ServiceProvider.GetRequiredService<KieCallbackProcessor>();
        return endpoints.MapPost(path, (RequestDelegate)processor.ReceiveAsync);
    }
}
