using System.Threading;
using System.Threading.Tasks;
using KieGen.Tasks;

namespace KieGen.AspNetCore;

/// <summary>A finished task, as confirmed by Kie's status (not by the callback body, which Kie's signature does not cover).</summary>
/// <param name="Task">The task.</param>
/// <param name="Status">Kie's status: <see cref="KieTaskStatus.Result"/> on success, the failure otherwise.</param>
public sealed record KieTaskCompletion(KieTask Task, KieTaskStatus Status)
{
    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => Status.State == KieTaskState.Succeeded;
}

/// <summary>
/// Runs for every task a verified callback reports finished, once per task and outcome, whether or not anything
/// awaits it (register with <c>AddKieTaskHandler&lt;T&gt;</c>; resolved in a scope per completion).
/// </summary>
public interface IKieTaskHandler
{
    /// <summary>Processes a finished task (download its results, update your records, ...).</summary>
    Task HandleAsync(KieTaskCompletion completion, CancellationToken cancellationToken);
}
