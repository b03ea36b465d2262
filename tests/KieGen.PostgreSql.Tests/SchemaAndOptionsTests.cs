using System.IO;
using KieGen.Callbacks;
using KieGen.Client;
using KieGen.PostgreSql.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KieGen.PostgreSql.Tests;

/// <summary>The schema is created once however many instances start together, and bad options are named.</summary>
public class SchemaAndOptionsTests(PostgresServer server)
{
    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task Instances_starting_together_migrate_once_and_again_is_a_no_op()
    {
        var connection = await server.CreateDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => Db.Open(connection)).ToList();
        await Task.WhenAll(databases.Select(d => d.MigrateAsync(TestContext.Current.CancellationToken)));
        await databases[0].MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal((long)KiePostgreSqlDatabase.SchemaVersion, await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM kiegen_schema_version"));
        Assert.Equal(KiePostgreSqlDatabase.SchemaVersion, await Db.ScalarAsync<int>(connection, "SELECT max(version) FROM kiegen_schema_version"));
        Assert.Equal(7L, await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'kiegen_%'"));
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task The_shipped_scripts_run_by_hand_twice_leave_the_same_schema_the_migrator_accepts()
    {
        var connection = await server.CreateDatabaseAsync();
        var scripts = Directory.GetFiles(Path.Combine(RepoRoot(), "runtime", "KieGen.PostgreSql", "Schema"), "*.sql").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(KiePostgreSqlDatabase.SchemaVersion, scripts.Count);
        for (var version = 1; version <= scripts.Count; version++)
        {
            var script = await File.ReadAllTextAsync(scripts[version - 1], TestContext.Current.CancellationToken);
            Assert.Equal(script, KiePostgreSqlDatabase.Script(version));
            await Db.ScalarAsync<object>(connection, script + "; SELECT 1");
            await Db.ScalarAsync<object>(connection, script + "; SELECT 1");
        }

        await using var database = new KiePostgreSqlDatabase(new KiePostgreSqlOptions { ConnectionString = connection, MigrateOnStart = false });
        await database.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal((long)KiePostgreSqlDatabase.SchemaVersion, await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM kiegen_schema_version"));
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_database_of_version_1_is_brought_to_the_current_version_keeping_its_rows()
    {
        var connection = await server.CreateDatabaseAsync();
        await Db.ScalarAsync<object>(connection, KiePostgreSqlDatabase.Script(1) + """
            ; INSERT INTO kiegen_rate_limits (limit_id, free_at, holders) VALUES ('old', ARRAY['epoch'::timestamptz], ARRAY[NULL::uuid]); SELECT 1
            """);
        await using var database = Db.Open(connection);

        await using (await new PostgreSqlKieRateLimiter(database).AcquireAsync(new KieGen.Client.KieRateLimit("old", KieGen.Client.KieRateLimit.Create, 1, TimeSpan.FromSeconds(1)), TestContext.Current.CancellationToken))
        {
            Assert.Equal(KiePostgreSqlDatabase.SchemaVersion, await Db.ScalarAsync<int>(connection, "SELECT max(version) FROM kiegen_schema_version"));
            Assert.Equal(1L, await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM kiegen_rate_limits WHERE limit_id <> 'old' OR holder_pids[1] IS NOT NULL"));
        }
    }

    [Theory]
    [InlineData(null, "Kie:PostgreSql:ConnectionString is missing")]
    [InlineData("Host=x;Bogus Keyword=1", "Kie:PostgreSql:ConnectionString is not a valid Npgsql connection string")]
    public void A_bad_connection_string_is_named(string? connectionString, string expected)
    {
        var e = Assert.Throws<OptionsValidationException>(() => new KiePostgreSqlDatabase(new KiePostgreSqlOptions { ConnectionString = connectionString }));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_bound_below_one_is_named()
    {
        var e = Assert.Throws<OptionsValidationException>(() => new KiePostgreSqlDatabase(new KiePostgreSqlOptions { ConnectionString = "Host=x", MaxPendingCallbacks = 0 }));
        Assert.Contains("Kie:PostgreSql:MaxPendingCallbacks must be at least 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_that_is_not_an_identifier_is_named()
    {
        var e = Assert.Throws<OptionsValidationException>(() => new KiePostgreSqlDatabase(new KiePostgreSqlOptions { ConnectionString = "Host=x", NotificationChannel = "a; DROP TABLE x" }));
        Assert.Contains("Kie:PostgreSql:NotificationChannel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_a_configuration_section_and_replace_every_in_process_piece()
    {
        var services = FromConfiguration(new()
        {
            ["Kie:PostgreSql:ConnectionString"] = "Host=db;Username=app;Database=app",
            ["Kie:PostgreSql:MigrateOnStart"] = "false",
            ["Kie:PostgreSql:NotificationChannel"] = "kiegen_orders",
            ["Kie:PostgreSql:TaskRetentionAfterCompletion"] = "00:30:00",
            ["Kie:PostgreSql:MaxPendingCallbacks"] = "500",
        });

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<KiePostgreSqlOptions>>().Value;
        Assert.Equal(("Host=db;Username=app;Database=app", false, "kiegen_orders", TimeSpan.FromMinutes(30), 500),
            (options.ConnectionString, options.MigrateOnStart, options.NotificationChannel, options.TaskRetentionAfterCompletion, options.MaxPendingCallbacks));
        foreach (var piece in new[] { typeof(IKieRateLimiter), typeof(IKieTaskStore), typeof(IKieCompletionNotifier), typeof(IKieCallbackInbox) })
        {
            var registration = Assert.Single(services, d => d.ServiceType == piece);
            Assert.Equal(ServiceLifetime.Singleton, registration.Lifetime);
            // The PostgreSQL package's factory, not the in-process default AddKieClient registered.
            Assert.Equal(typeof(KiePostgreSqlOptions).Assembly, registration.ImplementationFactory!.Method.Module.Assembly);
        }
    }

    [Fact]
    public void A_bad_value_in_the_configuration_section_is_named()
    {
        var services = FromConfiguration(new()
        {
            ["Kie:PostgreSql:ConnectionString"] = "Host=db",
            ["Kie:PostgreSql:MaxPendingCallbacks"] = "0",
        });

        using var provider = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KiePostgreSqlOptions>>().Value);
        Assert.Contains("Kie:PostgreSql:MaxPendingCallbacks must be at least 1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A client registered with <c>UsePostgreSql</c> bound from the <c>Kie:PostgreSql</c> section of these settings.</summary>
    private static ServiceCollection FromConfiguration(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddKieClient(o => o.ApiKey = "key").UsePostgreSql(configuration.GetSection("Kie:PostgreSql"));
        return services;
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KieGen.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("KieGen.sln not found above " + AppContext.BaseDirectory);
    }
}
