using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Testing;

namespace KieGen.PostgreSql.Tests.Infrastructure;

/// <summary>
/// What the fake server saw of create calls: the busiest window and the rate after the first burst. Also compiled into
/// the benchmarks (shared-limit run).
/// </summary>
public sealed record Creates(int Count, int Tasks, int MostInAnyWindow, double FractionOfLimit, TimeSpan Span)
{
    public const string Path = "/api/v1/jobs/createTask";

    public static Creates Of(FakeKieServer kie, int limit, TimeSpan window)
    {
        var times = kie.Requests.Where(r => r.Path == Path).Select(r => r.ReceivedAt).Order().ToList();
        var most = PeakInWindow(times, window);

        // After the first burst of `limit`, the steady rate compared with limit per window.
        var span = times.Count > 1 ? times[^1] - times[0] : TimeSpan.Zero;
        var fraction = span > TimeSpan.Zero ? (times.Count - limit) / span.TotalSeconds / (limit / window.TotalSeconds) : 0;
        return new Creates(times.Count, kie.Tasks.Count, most, fraction, span);
    }

    /// <summary>The most of <paramref name="sortedTimes"/> that fall within any one <paramref name="window"/>.</summary>
    public static int PeakInWindow(IReadOnlyList<DateTimeOffset> sortedTimes, TimeSpan window)
    {
        var most = 0;
        for (int i = 0, j = 0; i < sortedTimes.Count; i++)
        {
            while (sortedTimes[i] - sortedTimes[j] >= window)
            {
                j++;
            }

            most = Math.Max(most, i - j + 1);
        }

        return most;
    }

    public override string ToString() =>
        $"{Count} create calls, {Tasks} tasks created, at most {MostInAnyWindow} in any window, {FractionOfLimit:P1} of the limit over {Span.TotalSeconds:F2} s";
}
