using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KieGen.AI.Tests;

/// <summary>One log record as a provider received it.</summary>
public sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>
/// A logger provider that keeps every record, for a real <see cref="LoggerFactory"/>: what Microsoft.Extensions.AI's
/// logging middleware writes is then read back as an application's own sink would see it.
/// </summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => _records.ToArray();

    /// <summary>A factory logging everything (Trace and up, so the middleware includes the messages) to this provider.</summary>
    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new LogRecord(category, logLevel, eventId, formatter(state, exception)));
    }
}

/// <summary>
/// Listens to one <see cref="ActivitySource"/> by its name (a name of the test's own, so tests running side by side
/// never see each other's spans) and keeps every span it stops.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public SpanRecorder()
    {
        SourceName = "KieGen.AI.Tests." + Guid.NewGuid().ToString("N");
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The source name to give <c>UseOpenTelemetry(sourceName: ...)</c>.</summary>
    public string SourceName { get; }

    public IReadOnlyList<Activity> Spans => _spans.ToArray();

    public void Dispose() => _listener.Dispose();
}

/// <summary>What a test observes of a pipeline: the records of a logger factory, and the spans of a source of its own.</summary>
public sealed class Observed : IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();
    private readonly SpanRecorder _spans = new();

    public Observed() => Factory = _logs.CreateFactory();

    /// <summary>The factory to give <c>UseLogging</c> (and <c>UseOpenTelemetry</c>).</summary>
    public ILoggerFactory Factory { get; }

    /// <summary>The source name to give <c>UseOpenTelemetry</c>.</summary>
    public string SourceName => _spans.SourceName;

    public IReadOnlyList<LogRecord> Records => _logs.Records;

    public IReadOnlyList<Activity> Spans => _spans.Spans;

    public void Dispose()
    {
        Factory.Dispose();
        _spans.Dispose();
    }
}
