using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KieGen;

/// <summary>
/// KieGen's traces and metrics (the client, the task stores, the callback inbox): subscribe to the source and meter
/// named <c>KieGen</c>.
/// </summary>
public static class KieTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "KieGen";

    internal static readonly ActivitySource Source = new(Name, "0.1.0");
    internal static readonly Meter Meter = new(Name, "0.1.0");

    internal static readonly Counter<long> Submissions = Meter.CreateCounter<long>("kie.submissions", description: "Tasks created");
    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("kie.calls", description: "Synchronous calls Kie answered with success");
    internal static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("kie.rate_limited", description: "429 answers received");
    internal static readonly Histogram<double> LimiterWait = Meter.CreateHistogram<double>("kie.limiter.wait", "s", "Time spent waiting for the client-side limiter");
    internal static readonly Counter<long> StatusCalls = Meter.CreateCounter<long>("kie.status_calls", description: "Status requests sent");
    internal static readonly UpDownCounter<long> InboxPending = Meter.CreateUpDownCounter<long>("kie.callbacks.inbox.pending", description: "Verified callbacks committed and not yet handled");
    internal static readonly Counter<long> InboxRefused = Meter.CreateCounter<long>("kie.callbacks.inbox.refused", description: "Callbacks refused because the inbox was full");
    internal static readonly Counter<long> InboxDeadLettered = Meter.CreateCounter<long>("kie.callbacks.inbox.dead_lettered", description: "Callbacks set aside after too many failed attempts");
    internal static readonly Counter<long> StoreEvicted = Meter.CreateCounter<long>("kie.store.evicted", description: "Task records or completions dropped from memory (expired or over the cap)");
    internal static readonly Counter<double> CreditsConsumed = Meter.CreateCounter<double>("kie.credits_consumed", "{credit}", "Credits Kie reports charged for finished tasks");
    internal static readonly Histogram<double> TimeToComplete = Meter.CreateHistogram<double>("kie.task.duration", "s", "Time from submission to a finished task");
}
