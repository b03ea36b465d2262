using System;
using System.Collections.Generic;
using KieGen.Requests;

namespace KieGen.Testing;

/// <summary>Where a fake task is, by the clock.</summary>
public enum FakeTaskState
{
    /// <summary>Accepted, not yet queued.</summary>
    Waiting,

    /// <summary>Queued.</summary>
    Queuing,

    /// <summary>Running.</summary>
    Generating,

    /// <summary>Finished with results.</summary>
    Success,

    /// <summary>Finished with a failure.</summary>
    Fail,
}

/// <summary>A task the fake server created: what was asked, by whom, and how it runs.</summary>
public sealed class FakeTask
{
    internal FakeTask(
        string taskId, string apiKey, string modelId, KieApiFamily family, string createPath, string statusPath,
        string body, string? callbackUrl, DateTimeOffset createdAt, TaskScript script, FakeKieTiming timing, KieResultKind resultKind,
        IReadOnlyList<string> resultUrls)
    {
        TaskId = taskId;
        ApiKey = apiKey;
        ModelId = modelId;
        Family = family;
        CreatePath = createPath;
        StatusPath = statusPath;
        Body = body;
        CallbackUrl = callbackUrl;
        CreatedAt = createdAt;
        Script = script;
        ResultKind = resultKind;
        ResultUrls = resultUrls;
        Waiting = script.Waiting ?? timing.Waiting;
        Queuing = script.Queuing ?? timing.Queuing;
        Generating = script.Generating ?? timing.GeneratingFor(resultKind);
    }

    /// <summary>The id the create call answered.</summary>
    public string TaskId { get; }

    /// <summary>The key that created it.</summary>
    internal string ApiKey { get; }

    /// <summary>Market model id, or the special family's operation key (<c>veo3.1/generate</c>).</summary>
    public string ModelId { get; }

    /// <summary>The API family.</summary>
    public KieApiFamily Family { get; }

    /// <summary>The create endpoint it came through.</summary>
    public string CreatePath { get; }

    /// <summary>The status endpoint that reports it.</summary>
    public string StatusPath { get; }

    /// <summary>The create request body, as received.</summary>
    public string Body { get; }

    /// <summary>The callback URL of the request, if any.</summary>
    public string? CallbackUrl { get; }

    /// <summary>When it was created, on the server's clock.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>How it runs.</summary>
    public TaskScript Script { get; }

    /// <summary>What it produces.</summary>
    public KieResultKind ResultKind { get; }

    /// <summary>The result URLs it reports on success.</summary>
    public IReadOnlyList<string> ResultUrls { get; internal set; }

    /// <summary>How long it waits (its script's, or the server's <see cref="FakeKieOptions.Timing"/>).</summary>
    public TimeSpan Waiting { get; }

    /// <summary>How long it queues (its script's, or the server's <see cref="FakeKieOptions.Timing"/>).</summary>
    public TimeSpan Queuing { get; }

    /// <summary>How long it generates.</summary>
    public TimeSpan Generating { get; }

    /// <summary>Credits the task costs: reported as <c>creditsConsumed</c> once it succeeds (0 when it fails).</summary>
    public decimal Credits { get; init; }

    /// <summary>The <c>recordId</c> the unified createTask answers beside the task id.</summary>
    public string RecordId => "rec_" + TaskId;

    /// <summary>When generation starts.</summary>
    public DateTimeOffset StartedAt => CreatedAt + Waiting + Queuing;

    /// <summary>When it reaches success or fail.</summary>
    public DateTimeOffset CompletedAt => StartedAt + Generating;

    /// <summary>Whether it ends in failure.</summary>
    public bool Fails => Script.Failure is not null;

    /// <summary>The state at <paramref name="now"/>.</summary>
    public FakeTaskState StateAt(DateTimeOffset now) =>
        now >= CompletedAt ? (Fails ? FakeTaskState.Fail : FakeTaskState.Success)
        : now >= StartedAt ? FakeTaskState.Generating
        : now >= CreatedAt + Waiting ? FakeTaskState.Queuing
        : FakeTaskState.Waiting;

    /// <summary>Progress 0..1 at <paramref name="now"/>: linear while generating.</summary>
    public double ProgressAt(DateTimeOffset now) =>
        now >= CompletedAt ? 1
        : now <= StartedAt ? 0
        : Math.Round((now - StartedAt).TotalMilliseconds / Generating.TotalMilliseconds, 2);

    /// <inheritdoc />
    public override string ToString() => $"{TaskId} ({ModelId})";
}
