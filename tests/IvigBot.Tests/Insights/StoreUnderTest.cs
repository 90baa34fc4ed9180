using IvigBot.Insights;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Insights;

/// <summary>A fresh, empty store on <paramref name="provider"/>: a SQLite file in a temporary folder, or a new PostgreSQL database.</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly DirectoryInfo? _folder;
    private readonly PostgresServer.TestDatabase? _database;

    private StoreUnderTest(InsightsOptions options, DirectoryInfo? folder, PostgresServer.TestDatabase? database)
    {
        Options = options;
        _folder = folder;
        _database = database;
        Store = new InteractionStore(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
    }

    public InsightsOptions Options { get; }

    public InteractionStore Store { get; }

    /// <summary>The settings that point a host at this store.</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["Insights:Enabled"] = "true",
        ["Insights:Provider"] = Options.Provider.ToString(),
        ["Insights:DataFolder"] = Options.DataFolder,
        ["Insights:ConnectionString"] = Options.ConnectionString,
    };

    public static async Task<StoreUnderTest> CreateAsync(InsightsProvider provider)
    {
        if (provider == InsightsProvider.PostgreSql)
        {
            var database = await PostgresServer.CreateDatabaseAsync();
            return new StoreUnderTest(new InsightsOptions { Provider = provider, ConnectionString = database.ConnectionString }, null, database);
        }

        var folder = Directory.CreateTempSubdirectory("ivigbot-store-");
        return new StoreUnderTest(new InsightsOptions { Provider = provider, DataFolder = folder.FullName }, folder, null);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
        }
    }
}
