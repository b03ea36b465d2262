namespace KieGen.Tasks;

/// <summary>What a status call said, in one shape for every family.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="State">KieGen's state, mapped from <paramref name="RawState"/> the same way for every family.</param>
/// <param name="RawState">Kie's own word for the state, unmapped, as the family's status call sent it (<c>generating</c>, <c>TEXT_SUCCESS</c>, successFlag <c>0</c>, ...).</param>
/// <param name="Progress">0..1 where Kie reports it.</param>
/// <param name="Result">The results, once succeeded.</param>
/// <param name="FailCode">Kie's failure code, once failed.</param>
/// <param name="FailMessage">Kie's failure text, once failed.</param>
public sealed record KieTaskStatus(
    string TaskId,
    KieTaskState State,
    string RawState,
    double? Progress,
    KieTaskResult? Result,
    string? FailCode,
    string? FailMessage)
{
    /// <summary>Whether the task has finished, either way.</summary>
    public bool IsTerminal => State is KieTaskState.Succeeded or KieTaskState.Failed;

    /// <summary>Kie's <c>successFlag</c> where the status carries one (unified jobs: 0 waiting or generating, 1 success, 3 failed).</summary>
    public int? SuccessFlag { get; init; }

    /// <summary>Credits Kie charged for the task (<c>creditsConsumed</c>; 0 on failure), once reported.</summary>
    public double? CreditsConsumed { get; init; }
}
