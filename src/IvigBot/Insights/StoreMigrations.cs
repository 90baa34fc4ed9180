namespace IvigBot.Insights;

/// <summary>
/// The store's schema, one numbered step per change, the same SQL on SQLite and PostgreSQL. Applied in order at
/// start-up by <see cref="InteractionStore.MigrateAsync"/>; each applied version is recorded in
/// <c>schema_migrations</c>, so running them again changes nothing. Never edit a step that has shipped: add one.
/// Times are Unix milliseconds (<c>at</c>); <c>conversation</c> is a hash of the conversation id, never the id.
/// </summary>
public static class StoreMigrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        (1, """
            CREATE TABLE IF NOT EXISTS questions (
                at BIGINT NOT NULL,
                channel TEXT,
                conversation TEXT,
                kind TEXT NOT NULL,
                confidence DOUBLE PRECISION NOT NULL,
                text TEXT,
                candidates TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
            CREATE INDEX IF NOT EXISTS questions_conversation ON questions (conversation, at);
            CREATE TABLE IF NOT EXISTS picks (
                at BIGINT NOT NULL,
                channel TEXT,
                conversation TEXT,
                entry_id TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS picks_at ON picks (at);
            CREATE TABLE IF NOT EXISTS feedback (
                at BIGINT NOT NULL,
                channel TEXT,
                conversation TEXT,
                entry_id TEXT NOT NULL,
                helpful BOOLEAN NOT NULL
            );
            CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
            """),
        // A row of questions may stand for several identical messages of one conversation (see MessageInteraction.Count):
        // the report sums count where it counted rows. Rows written before this step are one message each.
        (2, """
            ALTER TABLE questions ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
            """),
    ];

    /// <summary>The newest schema version.</summary>
    public static int Latest => Steps[^1].Version;
}
