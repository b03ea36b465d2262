using System;

namespace KieGen.Client;

/// <summary>Progress reported while waiting.</summary>
/// <param name="Task">The task.</param>
/// <param name="State">The mapped state.</param>
/// <param name="KieState">The family's own word.</param>
/// <param name="Progress">0..1 where Kie reports it.</param>
/// <param name="Elapsed">Time since submission.</param>
public sealed record KieTaskProgress(KieTask Task, KieTaskState State, string KieState, double? Progress, TimeSpan Elapsed);
