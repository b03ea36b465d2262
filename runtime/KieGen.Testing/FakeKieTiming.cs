using System;
using KieGen.Requests;

namespace KieGen.Testing;

/// <summary>
/// How long a fake task takes when its <see cref="TaskScript"/> does not say, and how often a client made by
/// <see cref="FakeKieServer.CreateClient"/> polls it. <see cref="Fast"/> (the default) finishes any task in about a
/// tenth of a second, for tests; <see cref="Realistic"/> takes as long as Kie does (a video for minutes), for demos and
/// for tests of progress on a <see cref="ManualTimeProvider"/>. Adjust either with <c>with { ... }</c>.
/// </summary>
public sealed record FakeKieTiming
{
    /// <summary>
    /// For tests: a task is <c>waiting</c> for 20 ms, <c>queuing</c> for 20 ms and <c>generating</c> for 60 ms, whatever
    /// it makes, and clients poll every 50 ms, so a video call against the fake takes a fraction of a second.
    /// </summary>
    public static FakeKieTiming Fast { get; } = new()
    {
        Waiting = TimeSpan.FromMilliseconds(20),
        Queuing = TimeSpan.FromMilliseconds(20),
        ImageGenerating = TimeSpan.FromMilliseconds(60),
        AudioGenerating = TimeSpan.FromMilliseconds(60),
        VideoGenerating = TimeSpan.FromMilliseconds(60),
        ClientPollInterval = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>
    /// Kie's pace: 1 s <c>waiting</c>, 2 s <c>queuing</c>, then <c>generating</c> for 8 s (image, text), 40 s (audio,
    /// music) or 3 min (video); clients poll as they would poll Kie (<see cref="ClientPollInterval"/> null).
    /// </summary>
    public static FakeKieTiming Realistic { get; } = new()
    {
        Waiting = TimeSpan.FromSeconds(1),
        Queuing = TimeSpan.FromSeconds(2),
        ImageGenerating = TimeSpan.FromSeconds(8),
        AudioGenerating = TimeSpan.FromSeconds(40),
        VideoGenerating = TimeSpan.FromMinutes(3),
        ClientPollInterval = null,
    };

    /// <summary>Time in <c>waiting</c>.</summary>
    public TimeSpan Waiting { get; init; }

    /// <summary>Time in <c>queuing</c>.</summary>
    public TimeSpan Queuing { get; init; }

    /// <summary>Time in <c>generating</c> of a task that makes an image, text or an object.</summary>
    public TimeSpan ImageGenerating { get; init; }

    /// <summary>Time in <c>generating</c> of a task that makes audio or music.</summary>
    public TimeSpan AudioGenerating { get; init; }

    /// <summary>Time in <c>generating</c> of a task that makes a video.</summary>
    public TimeSpan VideoGenerating { get; init; }

    /// <summary>
    /// The <see cref="KieGen.Client.KieClientOptions.PollInterval"/> of clients the fake hands out; null leaves them
    /// polling as they poll Kie (every 2-3 s at first, later up to 30 s for a video).
    /// </summary>
    public TimeSpan? ClientPollInterval { get; init; }

    /// <summary>Time in <c>generating</c> of a task that makes <paramref name="kind"/>.</summary>
    public TimeSpan GeneratingFor(KieResultKind kind) => kind switch
    {
        KieResultKind.Video => VideoGenerating,
        KieResultKind.Audio or KieResultKind.Music => AudioGenerating,
        _ => ImageGenerating,
    };
}
