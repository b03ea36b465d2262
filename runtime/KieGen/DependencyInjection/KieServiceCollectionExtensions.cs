using System;
using System.Net.Http;
using KieGen.Callbacks;
using KieGen.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="KieClient"/> with HttpClientFactory, options and logging.</summary>
public static class KieServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="KieClient"/>. Options come from the configuration section <c>Kie</c> (when an
    /// <see cref="IConfiguration"/> is registered), then <paramref name="configure"/>; the key may also come from
    /// <c>KIE_API_KEY</c>.
    /// </summary>
    /// <returns>The HttpClient builder, to add handlers or resilience of your own.</returns>
    public static IHttpClientBuilder AddKieClient(this IServiceCollection services, Action<KieClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KieClientOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            if (provider.GetService<IConfiguration>() is { } configuration)
            {
                configuration.GetSection(KieClientOptions.SectionName).Bind(options);
            }
        });
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKieTaskStore, InMemoryKieTaskStore>();
        services.TryAddSingleton<IKieCompletionNotifier>(provider => new InMemoryKieCompletionNotifier(provider.GetService<TimeProvider>()));
        services.TryAddSingleton(provider => new KieClient(
            provider.GetRequiredService<IOptions<KieClientOptions>>().Value,
            () => provider.GetRequiredService<IHttpClientFactory>().CreateClient(KieClient.HttpClientName),
            provider.GetService<ILoggerFactory>()?.CreateLogger<KieClient>(),
            provider.GetService<TimeProvider>(),
            provider.GetRequiredService<IKieTaskStore>(),
            provider.GetRequiredService<IKieCompletionNotifier>()));
        return services.AddHttpClient(KieClient.HttpClientName);
    }
}
