using System;
using System.Collections.Generic;

namespace KieGen.Testing;

/// <summary>
/// How a fake task runs: how long each state lasts and how it ends. A duration left null comes from the server's
/// <see cref="FakeKieOptions.Timing"/> (<see cref="FakeKieTiming.Fast"/> unless chosen otherwise).
/// </summary>
public sealed record TaskScript
{
    /// <summary>Time in <c>waiting</c>; null takes <see cref="FakeKieTiming.Waiting"/>.</summary>
    public TimeSpan? Waiting { get; init; }

    /// <summary>Time in <c>queuing</c>; null takes <see cref="FakeKieTiming.Queuing"/>.</summary>
    public TimeSpan? Queuing { get; init; }

    /// <summary>Time in <c>generating</c>; null takes the timing's duration for the model's result kind (<see cref="FakeKieTiming.GeneratingFor"/>).</summary>
    public TimeSpan? Generating { get; init; }

    /// <summary>Null for success; otherwise the task fails with this code and message.</summary>
    public TaskFailure? Failure { get; init; }

    /// <summary>Result URLs to report; null serves generated files of the model's result kind from the fake server.</summary>
    public IReadOnlyList<string>? ResultUrls { get; init; }

    /// <summary>A task that fails with <paramref name="code"/> and <paramref name="message"/>.</summary>
    public static TaskScript Failing(string code = "500", string message = "Internal server error") =>
        new() { Failure = new TaskFailure(code, message) };
}

/// <summary>How a scripted task fails.</summary>
/// <param name="Code">Kie's failCode (Market) or errorCode (other families).</param>
/// <param name="Message">Kie's failMsg / errorMessage.</param>
public sealed record TaskFailure(string Code, string Message);
