using System;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Callbacks;
using KieGen.Requests;
using Npgsql;

namespace KieGen.PostgreSql;

/// <summary>
/// <see cref="IKieTaskStore"/> in the table <c>kiegen_tasks</c> (and <c>kiegen_task_claims</c>), so a callback that
/// lands on any instance finds the task's model. Expiry is on the database's clock; expired rows are swept at most
/// once a minute per instance.
/// </summary>
public sealed class PostgreSqlKieTaskStore(KiePostgreSqlDatabase database) : IKieTaskStore
{
    private const string Columns = "correlation, task_id, model_id, family, result_kind, status_path, created_at";
    private long _nextSweep;

    /// <inheritdoc />
    public async ValueTask SaveAsync(KieTaskRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await SweepAsync(cancellationToken).ConfigureAwait(false);
        // A task id moves to the newest correlation that names it (the in-memory store does the same).
        const string Sql = """
            UPDATE kiegen_tasks SET task_id = NULL WHERE task_id = @task_id AND correlation <> @correlation;
            INSERT INTO kiegen_tasks (correlation, task_id, model_id, family, result_kind, status_path, created_at, expires_at)
            VALUES (@correlation, @task_id, @model_id, @family, @result_kind, @status_path, @created_at, now() + @max_age)
            ON CONFLICT (correlation) DO UPDATE SET task_id = excluded.task_id, model_id = excluded.model_id, family = excluded.family,
                result_kind = excluded.result_kind, status_path = excluded.status_path, created_at = excluded.created_at, expires_at = excluded.expires_at
            """;
        await using var command = database.DataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("correlation", record.Correlation);
        command.Parameters.AddWithValue("task_id", (object?)record.TaskId ?? DBNull.Value);
        command.Parameters.AddWithValue("model_id", record.ModelId);
        command.Parameters.AddWithValue("family", record.Family.ToString());
        command.Parameters.AddWithValue("result_kind", record.ResultKind.ToString());
        command.Parameters.AddWithValue("status_path", record.StatusPath);
        command.Parameters.AddWithValue("created_at", record.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("max_age", database.Options.TaskMaxAge);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<KieTaskRecord?> FindByCorrelationAsync(string correlation, CancellationToken cancellationToken = default) =>
        FindAsync("correlation", correlation, cancellationToken);

    /// <inheritdoc />
    public ValueTask<KieTaskRecord?> FindByTaskIdAsync(string taskId, CancellationToken cancellationToken = default) =>
        FindAsync("task_id", taskId, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> TryClaimAsync(string taskId, string stage, CancellationToken cancellationToken = default)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        // A lapsed claim (older than the longest a record is kept) is taken over, as the in-memory store forgets it.
        const string Sql = """
            INSERT INTO kiegen_task_claims (task_id, stage, expires_at) VALUES (@task_id, @stage, now() + @max_age)
            ON CONFLICT (task_id, stage) DO UPDATE SET expires_at = excluded.expires_at WHERE kiegen_task_claims.expires_at <= now()
            """;
        await using var command = database.DataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("task_id", taskId);
        command.Parameters.AddWithValue("stage", stage);
        command.Parameters.AddWithValue("max_age", database.Options.TaskMaxAge);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string taskId, string stage, CancellationToken cancellationToken = default)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand("DELETE FROM kiegen_task_claims WHERE task_id = @task_id AND stage = @stage");
        command.Parameters.AddWithValue("task_id", taskId);
        command.Parameters.AddWithValue("stage", stage);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand(
            "UPDATE kiegen_tasks SET expires_at = least(expires_at, now() + @retention) WHERE task_id = @task_id");
        command.Parameters.AddWithValue("task_id", taskId);
        command.Parameters.AddWithValue("retention", database.Options.TaskRetentionAfterCompletion);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<KieTaskRecord?> FindAsync(string column, string value, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM kiegen_tasks WHERE {column} = @value AND expires_at > now()");
        command.Parameters.AddWithValue("value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new KieTaskRecord(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetString(2),
            Enum.Parse<KieApiFamily>(reader.GetString(3)),
            Enum.Parse<KieResultKind>(reader.GetString(4)),
            reader.GetString(5),
            new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero));
    }

    /// <summary>Deletes expired records and claims, at most once a minute per instance (on the local clock).</summary>
    private async ValueTask SweepAsync(CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + 60_000, next) != next)
        {
            return;
        }

        await using var command = database.DataSource.CreateCommand(
            "DELETE FROM kiegen_tasks WHERE expires_at <= now(); DELETE FROM kiegen_task_claims WHERE expires_at <= now()");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
