using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using KieGen.PostgreSql.TestInstance;
using KieGen.PostgreSql.Tests.Infrastructure;
using KieGen.Testing;
using Npgsql;

namespace KieGen.Benchmarks;

/// <summary>
/// Throughput under the shared PostgreSQL limiter at Kie's real window (20 creates per 10 s) with a standing network
/// latency of 150 ms each way, against the in-process gate: the measured fraction of the limit after the first burst
/// (issue 16's target: at least 95 %). A measured process on the real clock, not a BenchmarkDotNet suite: each
/// configuration is one long scenario whose outcome is counted. Needs a PostgreSQL server the caller gives (a
/// connection string of a user that may create databases); each configuration gets a database of its own.
/// </summary>
internal static class SharedLimitBenchmark
{
    private const int Limit = 20;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(150);

    public static async Task<int> RunAsync(string[] args)
    {
        var admin = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("KIEGEN_BENCH_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Console.Error.WriteLine("usage: shared-limit <admin connection string> [tasks]  (or set KIEGEN_BENCH_POSTGRES)");
            return 2;
        }

        var tasks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        Console.WriteLine($"{tasks} tasks, limit {Limit} per {Window.TotalSeconds:F0} s, {Latency.TotalMilliseconds:F0} ms each way");
        await MeasureAsync(admin, tasks, shared: true, instances: 4);
        await MeasureAsync(admin, tasks, shared: false, instances: 1);
        return 0;
    }

    private static async Task MeasureAsync(string admin, int count, bool shared, int instances)
    {
        var connection = await CreateDatabaseAsync(admin);
        await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions { CreateLimit = Limit, CreateWindow = Window, Latency = Latency });
        var apps = new List<AppInstance>();
        for (var i = 0; i < instances; i++)
        {
            apps.Add(await AppInstance.StartAsync(new InstanceSettings("i" + i, connection, kie.BaseAddress, FakeKieOptions.DefaultApiKey, 0)
            {
                CreateLimit = Limit, CreateWindow = Window, Shared = shared,
            }));
        }

        var failed = 0;
        try
        {
            await Task.WhenAll(apps.SelectMany(app => Enumerable.Range(0, count / instances).Select(async _ =>
            {
                try
                {
                    await app.Client.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a lighthouse at dusk" });
                }
                catch (Exception e) when (e is KieGen.Client.KieException)
                {
                    Console.Error.WriteLine(e.Message);
                    System.Threading.Interlocked.Increment(ref failed);
                }
            })));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }

        var creates = Creates.Of(kie, Limit, Window);
        Console.WriteLine($"{(shared ? "PostgreSQL limiter" : "in-process gate")}, {instances} instance(s): {creates}; {failed} submissions failed");
    }

    private static async Task<string> CreateDatabaseAsync(string admin)
    {
        var name = "kiegen_bench_" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE " + name, connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
