using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using KieGen.Callbacks;
using KieGen.Client;
using KieGen.Tasks;
using KieGen.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KieGen.Benchmarks;

/// <summary>
/// Callback to completed wait, on loopback, real clock: the fake server posts signed callbacks to a Kestrel app with
/// MapKieCallbacks; each task's latency runs from the callback's arrival at the app to its wait's completion.
/// </summary>
internal static class CallbackLatencyBenchmark
{
    public static async Task RunAsync(int count)
    {
        var options = new FakeKieOptions { WebhookHmacKey = "bench-secret", CreateLimit = count };
        options.ApiKeys[FakeKieOptions.DefaultApiKey] = count;
        await using var kie = await FakeKieServer.StartAsync(options);
        // Tasks finish 250 ms apart: 4 callbacks a second, inside the key's status budget of 10 confirmations a second,
        // so the latency measured is the callback path itself, not queueing for the budget.
        for (var i = 0; i < count; i++)
        {
            kie.ScriptNextTask(new TaskScript { Waiting = TimeSpan.Zero, Queuing = TimeSpan.Zero, Generating = TimeSpan.FromMilliseconds(1000 + (250 * i)) });
        }

        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("KIEGEN_BENCH_LOG") == "1")
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddKieClient(o =>
        {
            o.ApiKey = FakeKieOptions.DefaultApiKey;
            o.BaseAddress = kie.BaseAddress;
            o.CreateLimit = count;
            o.Callbacks.PublicBaseUrl = new Uri($"http://127.0.0.1:{port}/");
            o.Callbacks.HmacKey = "bench-secret";
        });
        builder.Services.AddKieCallbacks();
        await using var app = builder.Build();
        var arrivals = new ConcurrentDictionary<string, long>();
        app.Use(async (context, next) =>
        {
            if (context.Request.Query.TryGetValue(KieCallbackOptions.CorrelationParameter, out var correlation))
            {
                arrivals.TryAdd(correlation.ToString(), Stopwatch.GetTimestamp());
            }

            await next(context);
        });
        app.MapKieCallbacks();
        await app.StartAsync();

        var client = app.Services.GetRequiredService<KieClient>();
        var store = app.Services.GetRequiredService<IKieTaskStore>();
        var image = new KieGen.Models.Image.NanoBanana2Request { Prompt = "a lighthouse" };
        var submitted = new System.Collections.Generic.List<KieTask>();
        for (var i = 0; i < count; i++)
        {
            submitted.Add(await client.SubmitAsync(image)); // in order, so the scripts apply in order
        }

        var latencies = await Task.WhenAll(submitted.Select(async task =>
        {
            await client.WaitForCompletionAsync(task);
            var done = Stopwatch.GetTimestamp();
            var correlation = (await store.FindByTaskIdAsync(task.TaskId))!.Correlation;
            return Stopwatch.GetElapsedTime(arrivals[correlation], done).TotalMilliseconds;
        }));
        await app.StopAsync();

        var statusCalls = kie.Requests.Count(r => r.Path == "/api/v1/jobs/recordInfo");
        Array.Sort(latencies);
        Console.WriteLine($"callbacks: {count} tasks; callback arrival -> completed wait: median {latencies[count / 2]:F1} ms, " +
            $"p95 {latencies[(int)(count * 0.95)]:F1} ms, max {latencies[^1]:F1} ms; {statusCalls} status calls ({(double)statusCalls / count:F2} per task)");
    }
}
