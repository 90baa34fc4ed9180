using System.Globalization;
using System.Text.RegularExpressions;
using IvigBot.Cli;
using IvigBot.Insights;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Insights;

/// <summary>
/// The <c>report</c> verb, run in-process. With no appsettings.json in the test output the documented defaults apply:
/// the SQLite store in <c>data/</c> under the current folder, which other tests' hosts share, so each test looks for
/// rows of its own.
/// </summary>
public sealed class ReportCommandTests
{
    [Theory]
    [InlineData("markdown", @"\| (?<count>\d+) \| where do I park my {0} \|")]
    [InlineData("csv", "unanswered,,where do I park my {0},(?<count>\\d+),,,,")]
    public async Task Report_prints_the_stored_questions_as_markdown_or_csv(string format, string expectedLine)
    {
        // Words of their own, so that no other test's message is grouped with this one by the words they share.
        var vehicle = string.Join(' ', Enumerable.Range(0, 3).Select(_ => "v" + Guid.NewGuid().ToString("N")[..8]));
        var text = $"where do I park my {vehicle}";
        var at = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        long times;
        await using (var store = new InteractionStore(Options.Create(new InsightsOptions()), TimeProvider.System))
        {
            // By meaning (the default settings), this test's messages of earlier runs would join this one, and so may
            // other tests' messages: the message is written more often than any other, so that it leads its group.
            await store.MigrateAsync(CancellationToken.None);
            await using (var connection = await store.OpenAsync(CancellationToken.None))
            {
                await connection.ExecuteAsync("DELETE FROM questions WHERE text LIKE 'where do I park my %'", null, CancellationToken.None);
                times = 100 + (long)(await connection.ReadValueAsync("SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM questions GROUP BY text) counts", null, CancellationToken.None))!;
            }

            await store.WriteAsync(
                [.. Enumerable.Range(0, (int)times).Select(i => new MessageInteraction(at, "webchat", $"r{i}", "fallback", 0.1, text, ""))],
                CancellationToken.None);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await IvigBotCli.RunAsync(["report", "--format", format], output, error);

        Assert.True(exit == 0, error.ToString());
        var line = Regex.Match(output.ToString(), string.Format(CultureInfo.InvariantCulture, expectedLine, vehicle));
        Assert.True(line.Success, output.ToString());
        Assert.True(long.Parse(line.Groups["count"].Value, CultureInfo.InvariantCulture) >= times, line.Value); // others may join it
    }

    [Fact]
    public async Task An_unknown_format_is_refused()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await IvigBotCli.RunAsync(["report", "--format", "pdf"], output, error);

        Assert.NotEqual(0, exit);
        Assert.Contains("pdf", output.ToString() + error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("# IvigBot editor report", output.ToString(), StringComparison.Ordinal);
    }
}
