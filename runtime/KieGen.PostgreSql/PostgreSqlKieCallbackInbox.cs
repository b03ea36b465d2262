using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Callbacks;
using Npgsql;

namespace KieGen.PostgreSql;

/// <summary>
/// A durable <see cref="IKieCallbackInbox"/> in <c>kiegen_callback_inbox</c>: a callback is committed before the
/// endpoint answers 200, and any instance claims due entries with <c>FOR UPDATE SKIP LOCKED</c> for a lease, so the
/// entry of an instance that died is taken by another once the lease lapses. Handled outcomes are kept in
/// <c>kiegen_callback_handled</c>, one row per task and outcome. Finished rows are swept after
/// <see cref="KiePostgreSqlOptions.Retention"/>.
/// </summary>
public sealed class PostgreSqlKieCallbackInbox(KiePostgreSqlDatabase database) : IKieCallbackInbox
{
    private const string EntryColumns = "id, task_id, delivery_timestamp, correlation, stage_hint, received_at, attempts, last_error";
    private long _nextSweep;

    /// <inheritdoc />
    public async ValueTask<KieCallbackAdmission> AddAsync(KieCallbackReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        await SweepAsync(cancellationToken).ConfigureAwait(false);
        // Inserted only while fewer than the bound are pending (counted on the partial index, stopping at the bound).
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO kiegen_callback_inbox (delivery_key, task_id, delivery_timestamp, correlation, stage_hint)
            SELECT @key, @task_id, @timestamp, @correlation, @stage_hint
            WHERE (SELECT count(*) FROM (SELECT 1 FROM kiegen_callback_inbox WHERE state = 'pending' LIMIT @max) AS pending) < @max
            ON CONFLICT (delivery_key) DO NOTHING
            """);
        command.Parameters.AddWithValue("key", receipt.Key);
        command.Parameters.AddWithValue("task_id", receipt.TaskId);
        command.Parameters.AddWithValue("timestamp", receipt.Timestamp);
        command.Parameters.AddWithValue("correlation", (object?)receipt.Correlation ?? DBNull.Value);
        command.Parameters.AddWithValue("stage_hint", (object?)receipt.StageHint ?? DBNull.Value);
        command.Parameters.AddWithValue("max", database.Options.MaxPendingCallbacks);
        // Autocommit: when this returns, the row is durable.
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return KieCallbackAdmission.Accepted;
        }

        // Nothing inserted: a delivery committed before, or no room.
        await using var known = database.DataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM kiegen_callback_inbox WHERE delivery_key = @key)");
        known.Parameters.AddWithValue("key", receipt.Key);
        return await known.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true ? KieCallbackAdmission.Duplicate : KieCallbackAdmission.Full;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<KieCallbackEntry>> ClaimAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand($"""
            UPDATE kiegen_callback_inbox SET lease_until = now() + @lease, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM kiegen_callback_inbox
                WHERE state = 'pending' AND due_at <= now() AND (lease_until IS NULL OR lease_until <= now())
                ORDER BY due_at, id LIMIT @max FOR UPDATE SKIP LOCKED)
            RETURNING {EntryColumns}
            """);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("max", max);
        var entries = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        entries.Sort((a, b) => long.Parse(a.Id, System.Globalization.CultureInfo.InvariantCulture).CompareTo(long.Parse(b.Id, System.Globalization.CultureInfo.InvariantCulture)));
        return entries;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(string id, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE kiegen_callback_inbox SET state = 'done', lease_until = NULL, finished_at = now() WHERE id = @id AND state = 'pending'", id, null, null, cancellationToken);

    /// <inheritdoc />
    public ValueTask RetryAsync(string id, DateTimeOffset dueAt, string error, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE kiegen_callback_inbox SET due_at = @due_at, lease_until = NULL, last_error = @error WHERE id = @id AND state = 'pending'", id, dueAt, error, cancellationToken);

    /// <inheritdoc />
    public ValueTask DeadLetterAsync(string id, string error, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE kiegen_callback_inbox SET state = 'dead', lease_until = NULL, last_error = @error, finished_at = now() WHERE id = @id AND state = 'pending'", id, null, error, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<KieCallbackEntry>> DeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand($"SELECT {EntryColumns} FROM kiegen_callback_inbox WHERE state = 'dead' ORDER BY id");
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries waiting or being handled.</summary>
    public async ValueTask<long> PendingAsync(CancellationToken cancellationToken = default)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM kiegen_callback_inbox WHERE state = 'pending'");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async ValueTask<bool> IsHandledAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM kiegen_callback_handled WHERE task_id = @task_id)");
        command.Parameters.AddWithValue("task_id", taskId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async ValueTask<bool> MarkHandledAsync(string taskId, string outcome, CancellationToken cancellationToken = default)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO kiegen_callback_handled (task_id, outcome) VALUES (@task_id, @outcome) ON CONFLICT (task_id, outcome) DO NOTHING");
        command.Parameters.AddWithValue("task_id", taskId);
        command.Parameters.AddWithValue("outcome", outcome);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async ValueTask UpdateAsync(string sql, string id, DateTimeOffset? dueAt, string? error, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", long.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
        if (dueAt is { } due)
        {
            command.Parameters.AddWithValue("due_at", due.ToUniversalTime());
        }

        if (error is not null)
        {
            command.Parameters.AddWithValue("error", error);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<KieCallbackEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<KieCallbackEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var receipt = new KieCallbackReceipt(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            entries.Add(new KieCallbackEntry(
                reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                receipt,
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return entries;
    }

    /// <summary>Deletes finished entries, handled outcomes and old statuses past the retention, at most once a minute per instance.</summary>
    private async ValueTask SweepAsync(CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + 60_000, next) != next)
        {
            return;
        }

        await using var command = database.DataSource.CreateCommand("""
            DELETE FROM kiegen_callback_inbox WHERE state = 'done' AND finished_at < now() - @retention;
            DELETE FROM kiegen_callback_handled WHERE handled_at < now() - @retention;
            DELETE FROM kiegen_completions WHERE published_at < now() - @retention
            """);
        command.Parameters.AddWithValue("retention", database.Options.Retention);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
