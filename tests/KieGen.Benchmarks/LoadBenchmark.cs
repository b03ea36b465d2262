using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Requests;
using KieGen.Testing;

namespace KieGen.Benchmarks;

/// <summary>
/// The client under load, against the fake server's real limits (not a BenchmarkDotNet suite: each run is one long
/// scenario whose outcome is counted, not timed in a loop).
/// 1. Submit: N tasks through one KieClient at Kie's 20 per 10 s, on the real clock, against a naive loop of posts.
/// 2. Wait: 10,000 tasks waiting at once on a manual clock: status calls per second, memory, threads.
/// </summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var submissions = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var waiters = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        if (submissions > 0)
        {
            await NaiveLoopAsync(submissions);
            await SubmitAsync(submissions);
        }

        await WaitAsync(waiters);
        await CallbackLatencyBenchmark.RunAsync(40);
        return 0;
    }

    private static IKieRequest Image() =>
        new KieGen.Models.Image.NanoBanana2Request { Prompt = "a lighthouse at dusk" };

    /// <summary>What a plain HttpClient loop gets from the same server: 429s and lost requests.</summary>
    private static async Task NaiveLoopAsync(int count)
    {
        await using var kie = await FakeKieServer.StartAsync();
        using var http = new HttpClient { BaseAddress = kie.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeKieOptions.DefaultApiKey);
        var body = Image().ToJsonBody();
        var watch = Stopwatch.StartNew();
        var rejected = 0;
        for (var i = 0; i < count; i++)
        {
            using var response = await http.PostAsync("api/v1/jobs/createTask", new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected++;
            }
        }

        Console.WriteLine($"naive loop: {count} posts in {watch.Elapsed.TotalSeconds:F1} s: {kie.Tasks.Count} tasks created, {rejected} answered 429 (lost unless the caller retries)");
    }

    /// <summary>N submissions through one client: throughput against the limit, 429s, duplicates.</summary>
    private static async Task SubmitAsync(int count)
    {
        await using var kie = await FakeKieServer.StartAsync();
        using var client = new KieClient(new KieClientOptions { ApiKey = FakeKieOptions.DefaultApiKey, BaseAddress = kie.BaseAddress });
        var watch = Stopwatch.StartNew();
        var tasks = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.SubmitAsync(Image())));
        var elapsed = watch.Elapsed;

        var creates = kie.Requests.Count(r => r.Path == "/api/v1/jobs/createTask");
        var distinct = tasks.Select(t => t.TaskId).Distinct().Count();
        // The ideal: the first 20 at once, then 20 per 10 s.
        var ideal = TimeSpan.FromSeconds(10.0 * Math.Ceiling((count - 20) / 20.0));
        Console.WriteLine($"KieClient: {count} tasks in {elapsed.TotalSeconds:F1} s (ideal {ideal.TotalSeconds:F0} s at 20 per 10 s): " +
            $"{100 * ideal.TotalSeconds / elapsed.TotalSeconds:F1} % of the limit; {creates} create requests, {creates - count} answered 429, " +
            $"{distinct} distinct tasks, {kie.Tasks.Count} created on the server");
    }

    /// <summary>Many tasks waiting at once: status rate, memory, threads.</summary>
    private static async Task WaitAsync(int count)
    {
        var clock = new ManualTimeProvider();
        var options = new FakeKieOptions { TimeProvider = clock, CreateLimit = count };
        options.ApiKeys[FakeKieOptions.DefaultApiKey] = count * 2;
        options.DefaultScript = new TaskScript { Waiting = TimeSpan.Zero, Queuing = TimeSpan.FromSeconds(1), Generating = TimeSpan.FromSeconds(10) };
        await using var kie = await FakeKieServer.StartAsync(options);
        using var client = new KieClient(
            new KieClientOptions { ApiKey = FakeKieOptions.DefaultApiKey, BaseAddress = kie.BaseAddress, CreateLimit = count, WaitTimeout = TimeSpan.FromDays(1) },
            null, null, clock);
        var submitted = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.SubmitAsync(Image())));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var threadsBefore = Process.GetCurrentProcess().Threads.Count;
        var watch = Stopwatch.StartNew();
        var waits = Task.WhenAll(submitted.Select(t => client.WaitForCompletionAsync(t)));
        long peak = 0;
        var peakThreads = 0;
        var seen = -1;
        for (var step = 0; !waits.IsCompleted; step++)
        {
            // Let real HTTP settle, then move the clock to the next timer.
            while (!waits.IsCompleted && seen != kie.Requests.Count)
            {
                seen = kie.Requests.Count;
                await Task.WhenAny(waits, Task.Delay(3));
            }

            if (step % 500 == 0)
            {
                // Live memory only: a full collection first, so garbage between polls does not count.
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }

            peakThreads = Math.Max(peakThreads, Process.GetCurrentProcess().Threads.Count);
            clock.AdvanceToNextTimer(TimeSpan.FromSeconds(1));
        }

        await waits;
        var polls = kie.Requests.Where(r => r.Path == "/api/v1/jobs/recordInfo").Select(r => r.ReceivedAt).Order().ToList();
        var worstSecond = 0;
        for (int i = 0, j = 0; i < polls.Count; i++)
        {
            while (polls[i] - polls[j] >= TimeSpan.FromSeconds(1))
            {
                j++;
            }

            worstSecond = Math.Max(worstSecond, i - j + 1);
        }

        var simulated = polls[^1] - polls[0];
        Console.WriteLine($"waiting: {count} tasks waited at once ({simulated.TotalMinutes:F1} simulated minutes, {watch.Elapsed.TotalSeconds:F1} s real): " +
            $"{polls.Count} status calls, at most {worstSecond} in any second; peak extra managed memory {peak / (1024.0 * 1024):F1} MB; " +
            $"threads {threadsBefore} before, {peakThreads} at peak");
    }
}
