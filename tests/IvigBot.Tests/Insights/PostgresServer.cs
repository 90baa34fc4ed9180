using System.Diagnostics.CodeAnalysis;
using IvigBot.Insights;
using Npgsql;
using Xunit.Sdk;

namespace IvigBot.Tests.Insights;

/// <summary>
/// The PostgreSQL server the store tests use: <c>IVIGBOT_TEST_POSTGRES</c> (an Npgsql connection string of a role that
/// may create databases), by default the one <c>.ci/run</c> sets up on 127.0.0.1:5432. Each test creates its own
/// database and drops it. Without a server the tests are skipped, except under <c>CI=true</c>, where they fail.
/// </summary>
public static class PostgresServer
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=ivigbot_test;Password=ivigbot_test;Database=postgres;Timeout=5";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("IVIGBOT_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests are skipped, or null when they run (server reachable, or CI where absence fails).</summary>
    public static string? SkipReason => IsCi || Unavailable.Value is null
        ? null
        : $"No PostgreSQL server for the tests ({Unavailable.Value}); set IVIGBOT_TEST_POSTGRES or run .ci/run. Under CI=true these tests fail instead.";

    /// <summary>A new, empty database; dropped when disposed.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "ivigbot_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Timeout = 5 }.ToString());
    }

    [SuppressMessage("Design", "CA1031", Justification = "Any failure to connect means: no server for the tests.")]
    private static string? Probe()
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
    {
        public string ConnectionString { get; } = connectionString;

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A fact that needs the PostgreSQL server: skipped with the reason when there is none (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// Runs a store theory on both databases: a SQLite file, and PostgreSQL (that row skipped when there is no server,
/// outside CI).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreTheoryAttribute : TheoryAttribute;

/// <summary>The PostgreSQL row of a <see cref="StoreTheoryAttribute"/> theory, with its skip reason.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[InsightsProvider.PostgreSql]];
}
