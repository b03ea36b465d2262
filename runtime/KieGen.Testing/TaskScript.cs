using System;
using System.Collections.Generic;

namespace KieGen.Testing;

/// <summary>How a fake task runs: how long each state lasts and how it ends.</summary>
public sealed record TaskScript
{
    /// <summary>Time in <c>waiting</c>.</summary>
    public TimeSpan Waiting { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time in <c>queuing</c>.</summary>
    public TimeSpan Queuing { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time in <c>generating</c>; null picks by result kind (image 8 s, audio/music 40 s, video 3 min).</summary>
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
