using System;

namespace KieGen.PostgreSql;

/// <summary>Where KieGen keeps its shared state in PostgreSQL, and for how long. Bound from <c>Kie:PostgreSql</c>.</summary>
public sealed class KiePostgreSqlOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Kie:PostgreSql";

    /// <summary>The Npgsql connection string (e.g. <c>Host=db;Username=app;Password=...;Database=app</c>). Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Creates or migrates the schema at first use (under an advisory lock); false when you run <c>Schema/*.sql</c> yourself.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The LISTEN/NOTIFY channel completions are announced on (one per app sharing a database).</summary>
    public string NotificationChannel { get; set; } = "kiegen_completions";

    /// <summary>How long any task record is kept (Kie's tasks end within hours).</summary>
    public TimeSpan TaskMaxAge { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a finished task's record is kept, for late callbacks and late waiters.</summary>
    public TimeSpan TaskRetentionAfterCompletion { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long published statuses, handled inbox entries and handled outcomes are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Most verified callbacks waiting to be handled, across all instances; beyond it the endpoint answers 503 and Kie
    /// delivers again later. Checked before each insert, so instances committing at the same moment may pass it by a few.
    /// </summary>
    public int MaxPendingCallbacks { get; set; } = 100_000;

    /// <summary>The first pause before the completion listener reconnects; doubled after each failure.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest pause before the completion listener reconnects.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public override string ToString() => $"KieGen PostgreSQL ({(ConnectionString is null ? "no connection string" : "connection string set")}, channel {NotificationChannel})";
}
