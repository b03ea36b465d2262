using System;

namespace KieGen.Tasks;

/// <summary>Progress reported while waiting.</summary>
/// <param name="Task">The task.</param>
/// <param name="State">KieGen's state, mapped from <paramref name="RawState"/>.</param>
/// <param name="RawState">Kie's own word for the state, unmapped.</param>
/// <param name="Progress">0..1 where Kie reports it.</param>
/// <param name="Elapsed">Time since submission.</param>
public sealed record KieTaskProgress(KieTask Task, KieTaskState State, string RawState, double? Progress, TimeSpan Elapsed);
