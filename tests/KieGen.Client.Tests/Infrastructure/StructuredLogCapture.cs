using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KieGen.Client.Tests.Infrastructure;

/// <summary>
/// Records every log event at every level as a structured sink (OpenTelemetry, Serilog) would see it: the formatted
/// message, the exception, and every name/value of the state and of the active scopes, rendered deeply.
/// </summary>
public sealed class StructuredLogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Renders a state or value the way a structured sink serialises it.</summary>
    public static string Render(object? value, int depth = 0) => value switch
    {
        null => "",
        string text => text,
        _ when depth > 4 => value.ToString() ?? "",
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join("; ", pairs.Select(p => p.Key + "=" + Render(p.Value, depth + 1))) + " | " + value,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(i => Render(i, depth + 1))) + " | " + value,
        _ => value.ToString() ?? "",
    };

    private sealed class Logger(StructuredLogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Events.Enqueue($"scope {category}: {Render(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Events.Enqueue($"{logLevel} {category} {eventId}: {formatter(state, exception)} | state: {Render(state)} | {exception}");
    }
}
