using Npgsql;

namespace IvigBot.Insights;

/// <summary>Where the editor's store keeps its data.</summary>
public enum InsightsProvider
{
    /// <summary>A SQLite file in <see cref="InsightsOptions.DataFolder"/>: nothing to install, one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<see cref="InsightsOptions.ConnectionString"/>), for several instances sharing one store.</summary>
    PostgreSql,
}

/// <summary>
/// The store for content editors (the <c>Insights</c> section of <c>appsettings.json</c>): feedback, unanswered
/// questions and picked suggestions, and the protected editor page <c>/editor</c>.
/// </summary>
public sealed class InsightsOptions
{
    public const string Section = "Insights";

    /// <summary>File name of the SQLite store in <see cref="DataFolder"/>.</summary>
    public const string SqliteFileName = "insights.db";

    /// <summary>Whether anything is stored at all. Default: <c>true</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Sqlite</c> or <c>PostgreSql</c>. Default: <c>Sqlite</c>.</summary>
    public InsightsProvider Provider { get; set; } = InsightsProvider.Sqlite;

    /// <summary>Folder of the SQLite file (relative to the current folder). Default: <c>data</c>.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The PostgreSQL connection string (Npgsql's keys), required with <c>PostgreSql</c>. Default: empty.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Rows older than this many days are deleted. Default: 90.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Interactions waiting to be written; when full, new ones are dropped and counted. Default: 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>An answer below this confidence is kept (redacted) for the editor, like a fallback. Default: 0.5.</summary>
    public double LowConfidence { get; set; } = 0.5;

    /// <summary>Entries whose <c>reviewed:</c> date is older than this many days are listed for review. Default: 365.</summary>
    public int ReviewAfterDays { get; set; } = 365;

    /// <summary>The key of the editor page (at least 16 characters); empty disables the page. Default: empty.</summary>
    public string EditorKey { get; set; } = "";

    /// <summary>Checks the settings; returns what is wrong, or nothing.</summary>
    public IEnumerable<string> Validate()
    {
        if (RetentionDays is < 1 or > 3650)
        {
            yield return "Insights:RetentionDays must be between 1 and 3650.";
        }

        if (QueueCapacity is < 1 or > 1_000_000)
        {
            yield return "Insights:QueueCapacity must be between 1 and 1000000.";
        }

        if (LowConfidence is < 0 or > 1 || double.IsNaN(LowConfidence))
        {
            yield return "Insights:LowConfidence must be between 0 and 1.";
        }

        if (ReviewAfterDays < 1)
        {
            yield return "Insights:ReviewAfterDays must be at least 1.";
        }

        if (EditorKey.Length is > 0 and < 16)
        {
            yield return "Insights:EditorKey must be at least 16 characters (or empty to disable the editor page).";
        }

        if (Enabled && Provider == InsightsProvider.Sqlite && string.IsNullOrWhiteSpace(DataFolder))
        {
            yield return "Insights:DataFolder must name a folder for the SQLite store.";
        }

        if (Enabled && Provider == InsightsProvider.PostgreSql && ConnectionStringProblem() is { } problem)
        {
            yield return problem;
        }
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string SqlitePath() => Path.GetFullPath(Path.Combine(DataFolder, SqliteFileName));

    private string? ConnectionStringProblem()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "Insights:ConnectionString is required when Insights:Provider is PostgreSql (e.g. \"Host=127.0.0.1;Database=ivigbot;Username=ivigbot;Password=...\").";
        }

        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
            return string.IsNullOrWhiteSpace(parsed.Host)
                ? "Insights:ConnectionString must name the server (Host=...)."
                : null;
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            // The message names the bad key, never the password.
            return $"Insights:ConnectionString is not a valid PostgreSQL connection string: {e.Message}";
        }
    }
}
