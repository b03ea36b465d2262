using System;
using KieGen.Tasks;

namespace KieGen.Client;

/// <summary>
/// Progress reporters that call back synchronously, on the thread that reports. <see cref="Progress{T}"/> posts each
/// report to the thread pool (or a captured context), so a console can print a task's states out of order;
/// these do not.
/// </summary>
public static class KieProgress
{
    /// <summary>An <see cref="IProgress{T}"/> that runs <paramref name="report"/> for every state change, in order.</summary>
    /// <example><c>await kie.SubmitAndWaitAsync(request, KieProgress.Create(p => Console.WriteLine(p.State)));</c></example>
    public static IProgress<KieTaskProgress> Create(Action<KieTaskProgress> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Synchronous(report);
    }

    private sealed class Synchronous(Action<KieTaskProgress> report) : IProgress<KieTaskProgress>
    {
        public void Report(KieTaskProgress value) => report(value);
    }
}
