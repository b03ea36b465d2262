using System;
using KieGen.Callbacks;
using KieGen.Client;
using KieGen.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Moves the Kie client's shared state into PostgreSQL, so several instances of an app act as one.</summary>
public static class KiePostgreSqlExtensions
{
    /// <summary>
    /// Replaces the in-process pieces with PostgreSQL ones: the key's rate limits, the task store, the completion
    /// fan-out and the callback inbox (<c>AddKieClient().UsePostgreSql(...)</c>). The schema is migrated at first use.
    /// </summary>
    /// <param name="builder">What <c>AddKieClient</c> returned.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Further options.</param>
    public static IHttpClientBuilder UsePostgreSql(this IHttpClientBuilder builder, string connectionString, Action<KiePostgreSqlOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return UsePostgreSql(builder, options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>As <see cref="UsePostgreSql(IHttpClientBuilder, string, Action{KiePostgreSqlOptions})"/>, with options bound from a configuration section (e.g. <c>Kie:PostgreSql</c>).</summary>
    public static IHttpClientBuilder UsePostgreSql(this IHttpClientBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return UsePostgreSql(builder, options => section.Bind(options));
    }

    /// <summary>As <see cref="UsePostgreSql(IHttpClientBuilder, string, Action{KiePostgreSqlOptions})"/>, options set by <paramref name="configure"/>.</summary>
    public static IHttpClientBuilder UsePostgreSql(this IHttpClientBuilder builder, Action<KiePostgreSqlOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        if (builder.Name != KieClient.HttpClientName)
        {
            throw new ArgumentException($"UsePostgreSql extends AddKieClient(); this builder is for the HttpClient '{builder.Name}'.", nameof(builder));
        }

        var services = builder.Services;
        services.AddOptions<KiePostgreSqlOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KiePostgreSqlOptions>, KiePostgreSqlOptionsValidator>());
        services.TryAddSingleton(provider => new KiePostgreSqlDatabase(provider.GetRequiredService<IOptions<KiePostgreSqlOptions>>().Value));

        // Replace, not TryAdd: AddKieClient (and AddKieCallbacks, when called first) registered in-process defaults.
        services.RemoveAll<IKieRateLimiter>();
        services.RemoveAll<IKieTaskStore>();
        services.RemoveAll<IKieCompletionNotifier>();
        services.RemoveAll<IKieCallbackInbox>();
        services.AddSingleton<IKieRateLimiter>(provider => new PostgreSqlKieRateLimiter(
            provider.GetRequiredService<KiePostgreSqlDatabase>(), provider.GetService<TimeProvider>(), provider.GetService<ILogger<PostgreSqlKieRateLimiter>>()));
        services.AddSingleton<IKieTaskStore>(provider => new PostgreSqlKieTaskStore(provider.GetRequiredService<KiePostgreSqlDatabase>()));
        services.AddSingleton<IKieCompletionNotifier>(provider => new PostgreSqlKieCompletionNotifier(
            provider.GetRequiredService<KiePostgreSqlDatabase>(), provider.GetService<ILogger<PostgreSqlKieCompletionNotifier>>(), provider.GetService<TimeProvider>()));
        services.AddSingleton<IKieCallbackInbox>(provider => new PostgreSqlKieCallbackInbox(provider.GetRequiredService<KiePostgreSqlDatabase>()));
        return builder;
    }
}
