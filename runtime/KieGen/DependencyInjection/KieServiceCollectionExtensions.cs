using System;
using System.Net.Http;
using KieGen.Callbacks;
using KieGen.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="KieClient"/> with HttpClientFactory, validated options and logging.</summary>
public static class KieServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="KieClient"/>, unless one is registered already (a test's subclass, say). Options come
    /// from the configuration section <c>Kie</c> (when an <see cref="IConfiguration"/> is registered), then
    /// <paramref name="configure"/>; the key may also come from <c>KIE_API_KEY</c>.
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
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KieClientOptions>, KieClientOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKieTaskStore>(provider => new InMemoryKieTaskStore(provider.GetService<TimeProvider>()));
        services.TryAddSingleton<IKieCompletionNotifier>(provider => new InMemoryKieCompletionNotifier(provider.GetService<TimeProvider>()));
        services.TryAddSingleton<IKieRateLimiter>(provider => new InProcessKieRateLimiter(provider.GetService<TimeProvider>()));
        services.TryAddSingleton(provider => new KieClient(
            provider.GetRequiredService<IOptions<KieClientOptions>>().Value,
            () => provider.GetRequiredService<IHttpClientFactory>().CreateClient(KieClient.HttpClientName),
            provider.GetService<ILoggerFactory>()?.CreateLogger<KieClient>(),
            provider.GetService<TimeProvider>(),
            provider.GetRequiredService<IKieTaskStore>(),
            provider.GetRequiredService<IKieCompletionNotifier>(),
            keyByHandler: true,
            provider.GetRequiredService<IKieRateLimiter>()));

        // The key is attached by a handler wrapped around the primary handler, below every logging handler of the
        // factory: their structured state holds header values unredacted, so they must never see the key. Added in a
        // PostConfigure, so it wraps whatever primary handler the app configured. Redaction covers the formatted text.
        // Redirects are left to DownloadAsync, which checks that every hop is http or https.
        services.PostConfigure<HttpClientFactoryOptions>(KieClient.HttpClientName, factory => factory.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            switch (builder.PrimaryHandler)
            {
                case SocketsHttpHandler sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler handler:
                    handler.AllowAutoRedirect = false;
                    break;
            }

            builder.PrimaryHandler = new KieAuthorizationHandler(builder.Services.GetRequiredService<IOptions<KieClientOptions>>().Value)
            {
                InnerHandler = builder.PrimaryHandler,
            };
        }));
        return services.AddHttpClient(KieClient.HttpClientName)
            .RedactLoggedHeaders(name => string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase));
    }
}
