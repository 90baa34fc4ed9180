using Dapper;
using IvigBot.Insights;
using IvigBot.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Insights;

/// <summary>The store inside the real host: what reaches it, and what happens when it cannot be reached.</summary>
public sealed class InsightsHostTests
{
    /// <summary>Off-topic questions (so they end in a fallback and their text is kept) full of personal data.</summary>
    public static readonly TheoryData<string, string[]> PersonalData = new()
    {
        { "my name is Zebediah Quartermaine, can I get a tattoo", ["Zebediah", "Quartermaine"] },
        { "write to zeb.q@example.com about parking at the hospital", ["zeb.q@example.com", "example.com"] },
        { "call me on 07700 900123 or +44 20 7946 0958 about the car park", ["07700", "900123", "7946", "0958"] },
        { "I was born on 12/03/1980 and again born 3rd of March 1980, is the canteen open", ["12/03/1980", "1980", "3rd of March"] },
        { "my MRN 00123456 and NHS number 943 476 5919, where do I park", ["00123456", "943 476 5919", "5919"] },
        { "Sarah Okonkwo here, does the gift shop sell flowers", ["Sarah", "Okonkwo"] },
    };

    [Theory]
    [MemberData(nameof(PersonalData))]
    public async Task Personal_data_typed_into_the_chat_never_reaches_the_store(string message, string[] personal)
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(db.HostSettings());
        using var client = host.CreateClient();

        var replies = await InsightsHost.AskAsync(client, message, "privacy-" + Guid.NewGuid());
        Assert.NotEmpty(replies);
        await InsightsHost.WaitForWriterAsync(host.Services, 1);

        await using var connection = await db.Store.OpenAsync(CancellationToken.None);
        var stored = Assert.Single(await connection.QueryAsync<string?>("SELECT text FROM questions"));
        Assert.NotNull(stored); // kept for the editor (a fallback), so the check below means something
        Assert.All(personal, p => Assert.DoesNotContain(p, stored, StringComparison.OrdinalIgnoreCase));
        var everything = string.Join('\n', await connection.QueryAsync<string>("SELECT COALESCE(channel, '') || COALESCE(conversation, '') || candidates FROM questions"));
        Assert.All(personal, p => Assert.DoesNotContain(p, everything, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_store_that_is_down_costs_a_warning_and_a_count_never_a_reply()
    {
        await using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["Insights:Provider"] = "PostgreSql",
            ["Insights:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=nothing;Timeout=2",
        });
        using var client = host.CreateClient();
        var conversation = "down-" + Guid.NewGuid();

        var answer = await InsightsHost.AskAsync(client, "what is ivig flu", conversation);
        var thanks = await InsightsHost.ClickAsync(client, InsightsHost.Feedback("ivig-flu", helpful: true), conversation);

        Assert.Contains("IVIG flu", (string?)answer[0]["text"], StringComparison.Ordinal);
        Assert.Equal(IvigBot.Bots.FaqBot.FeedbackThanksText, (string?)thanks[0]["text"]);
        var writer = await InsightsHost.WaitForWriterAsync(host.Services, 2);
        Assert.Equal((0L, 2L), (writer.Written, writer.Failed));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("could not be written", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Colour=blue;Password=hunter2-secret", "not a valid PostgreSQL connection string")]
    [InlineData("Database=ivigbot;Password=hunter2-secret", "must name the server")]
    [InlineData("", "is required when Insights:Provider is PostgreSql")]
    public void A_broken_connection_string_is_refused_at_start_up_with_a_clear_message(string connectionString, string expected)
    {
        using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["Insights:Provider"] = "PostgreSql",
            ["Insights:ConnectionString"] = connectionString,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
    }
}
