using System.Data.Common;
using Dapper;
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

    private readonly NpgsqlDataSource? _postgres;
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
            _postgres = NpgsqlDataSource.Create(settings.ConnectionString);
        }
        else
        {
            _sqlite = new SqliteConnectionStringBuilder { DataSource = settings.SqlitePath(), Pooling = true, DefaultTimeout = 30 }.ToString();
        }
    }

    public InsightsProvider Provider { get; }

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
                await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (_postgres is not null)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@id)", new { id = MigrationLockId }, transaction).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
                transaction: transaction).ConfigureAwait(false);
            var applied = await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations", transaction: transaction).ConfigureAwait(false) ?? 0;
            foreach (var (version, sql) in StoreMigrations.Steps.Where(s => s.Version > applied))
            {
                await connection.ExecuteAsync(sql, transaction: transaction).ConfigureAwait(false);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                    new { version, at = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() },
                    transaction).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
        finally
        {
            _migrating.Release();
        }
    }

    /// <summary>Writes a batch in one transaction. Questions must already be redacted.</summary>
    public async Task WriteAsync(IReadOnlyCollection<Interaction> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var messages = batch.OfType<MessageInteraction>().ToList();
        if (messages.Count > 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO questions (at, channel, conversation, kind, confidence, text, candidates) VALUES (@At, @Channel, @Conversation, @Kind, @Confidence, @Question, @Candidates)",
                messages, transaction).ConfigureAwait(false);
        }

        var picks = batch.OfType<PickInteraction>().ToList();
        if (picks.Count > 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO picks (at, channel, conversation, entry_id) VALUES (@At, @Channel, @Conversation, @EntryId)",
                picks, transaction).ConfigureAwait(false);
        }

        var feedback = batch.OfType<FeedbackInteraction>().ToList();
        if (feedback.Count > 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO feedback (at, channel, conversation, entry_id, helpful) VALUES (@At, @Channel, @Conversation, @EntryId, @Helpful)",
                feedback, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every row older than <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var at = new { at = cutoff.ToUnixTimeMilliseconds() };
        return await connection.ExecuteAsync("DELETE FROM questions WHERE at < @at", at).ConfigureAwait(false)
            + await connection.ExecuteAsync("DELETE FROM picks WHERE at < @at", at).ConfigureAwait(false)
            + await connection.ExecuteAsync("DELETE FROM feedback WHERE at < @at", at).ConfigureAwait(false);
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
