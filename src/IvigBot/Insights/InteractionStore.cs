using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IvigBot.Insights;

/// <summary>
/// The editor's store: SQLite (a file, the default) or PostgreSQL (shared by several instances), through the same SQL.
/// Writing (<see cref="WriteAsync"/>, <see cref="DeleteOlderThanAsync"/>) and reading (<see cref="InsightsQueries"/>)
/// are separate; both migrate the schema first (<see cref="MigrateAsync"/>), once per process, and try again after a
/// failure.
/// </summary>
public sealed class InteractionStore : IAsyncDisposable
{
    /// <summary>Serialises schema changes across instances sharing one PostgreSQL database.</summary>
    private const long MigrationLockId = 4_801_716_016;

    /// <summary>
    /// Npgsql's data source, seen as the base class: only <see cref="CreatePostgres"/> names an Npgsql type, so with
    /// SQLite (the default) Npgsql is never loaded (1.1-1.3 MB less resident memory with meaning off).
    /// </summary>
    private readonly DbDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private volatile bool _migrated;

    public InteractionStore(IOptions<InsightsOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        var settings = options.Value;
        Provider = settings.Provider;
        if (Provider == InsightsProvider.PostgreSql)
        {
            _postgres = CreatePostgres(settings.ConnectionString);
        }
        else
        {
            _sqlite = new SqliteConnectionStringBuilder { DataSource = settings.SqlitePath(), Pooling = true, DefaultTimeout = 30 }.ToString();
        }
    }

    public InsightsProvider Provider { get; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The base type keeps Npgsql's types out of every other method's signature, so Npgsql loads only with PostgreSQL.")]
    private static DbDataSource CreatePostgres(string connectionString) => NpgsqlDataSource.Create(connectionString);

    /// <summary>Applies the schema steps not applied yet (see <see cref="StoreMigrations"/>); idempotent.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            if (_sqlite is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(_sqlite).DataSource)!);
            }

            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (_sqlite is not null)
            {
                // Readers (the editor page) never block the writer.
                await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", null, cancellationToken).ConfigureAwait(false);
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (_postgres is not null)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@id)", transaction, cancellationToken, ("id", MigrationLockId)).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
                transaction,
                cancellationToken).ConfigureAwait(false);
            var newest = await connection.ReadValueAsync("SELECT MAX(version) FROM schema_migrations", transaction, cancellationToken).ConfigureAwait(false);
            var applied = newest is null ? 0 : Convert.ToInt32(newest, CultureInfo.InvariantCulture); // long on SQLite, int on PostgreSQL
            foreach (var (version, sql) in StoreMigrations.Steps.Where(s => s.Version > applied))
            {
                await connection.ExecuteAsync(sql, transaction, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                    transaction,
                    cancellationToken,
                    ("version", version),
                    ("at", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
        finally
        {
            _migrating.Release();
        }
    }

    /// <summary>
    /// Writes a batch in one transaction. Questions must already be redacted. Each table gets one command whose
    /// parameters are made once and given each row's values in turn, so the statement is parsed once per batch. On
    /// SQLite the commit does not wait for the disk (<c>synchronous=NORMAL</c>, safe with WAL: a power cut can lose the
    /// last batches, never corrupt the file), which is what keeps a busy store from costing the replies their CPU.
    /// </summary>
    public async Task WriteAsync(IReadOnlyCollection<Interaction> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (_sqlite is not null)
        {
            await connection.ExecuteAsync("PRAGMA synchronous=NORMAL;", null, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        DbCommand? questions = null, picks = null, feedback = null;
        try
        {
            foreach (var interaction in batch)
            {
                switch (interaction)
                {
                    case MessageInteraction m:
                        questions ??= await InsertAsync(connection, transaction, InsertQuestion, cancellationToken, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.Double, DbType.String, DbType.String, DbType.Int32).ConfigureAwait(false);
                        await ExecuteAsync(questions, cancellationToken, m.At, m.Channel, m.Conversation, m.Kind, m.Confidence, m.Question, m.Candidates, m.Count).ConfigureAwait(false);
                        break;
                    case PickInteraction p:
                        picks ??= await InsertAsync(connection, transaction, InsertPick, cancellationToken, DbType.Int64, DbType.String, DbType.String, DbType.String).ConfigureAwait(false);
                        await ExecuteAsync(picks, cancellationToken, p.At, p.Channel, p.Conversation, p.EntryId).ConfigureAwait(false);
                        break;
                    case FeedbackInteraction f:
                        feedback ??= await InsertAsync(connection, transaction, InsertFeedback, cancellationToken, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.Boolean).ConfigureAwait(false);
                        await ExecuteAsync(feedback, cancellationToken, f.At, f.Channel, f.Conversation, f.EntryId, f.Helpful).ConfigureAwait(false);
                        break;
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            questions?.Dispose();
            picks?.Dispose();
            feedback?.Dispose();
        }
    }

    private const string InsertQuestion = "INSERT INTO questions (at, channel, conversation, kind, confidence, text, candidates, count) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)";
    private const string InsertPick = "INSERT INTO picks (at, channel, conversation, entry_id) VALUES (@p0, @p1, @p2, @p3)";
    private const string InsertFeedback = "INSERT INTO feedback (at, channel, conversation, entry_id, helpful) VALUES (@p0, @p1, @p2, @p3, @p4)";

    /// <summary>A prepared insert command with its parameters <c>@p0</c>, <c>@p1</c>, ... typed (so a null is typed too), values unset.</summary>
    private static async Task<DbCommand> InsertAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params DbType[] types)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < types.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.DbType = types[i];
            command.Parameters.Add(parameter);
        }

        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return command;
    }

    private static Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes every row older than <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var at = ("at", cutoff.ToUnixTimeMilliseconds());
        return await connection.ExecuteAsync("DELETE FROM questions WHERE at < @at", null, cancellationToken, at).ConfigureAwait(false)
            + await connection.ExecuteAsync("DELETE FROM picks WHERE at < @at", null, cancellationToken, at).ConfigureAwait(false)
            + await connection.ExecuteAsync("DELETE FROM feedback WHERE at < @at", null, cancellationToken, at).ConfigureAwait(false);
    }

    /// <summary>An open connection, for the queries of the report.</summary>
    internal async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }

        _migrating.Dispose();
    }
}
