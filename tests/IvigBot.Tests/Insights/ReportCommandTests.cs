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
    [InlineData("markdown", "| 2 | where do I park my {0} |")]
    [InlineData("csv", "unanswered,,where do I park my {0},2,,,,")]
    public async Task Report_prints_the_stored_questions_as_markdown_or_csv(string format, string expectedLine)
    {
        // Words of their own, so that no other test's message is grouped with this one.
        var vehicle = string.Join(' ', Enumerable.Range(0, 3).Select(_ => "v" + Guid.NewGuid().ToString("N")[..8]));
        var text = $"where do I park my {vehicle}";
        var at = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var store = new InteractionStore(Options.Create(new InsightsOptions()), TimeProvider.System))
        {
            await store.WriteAsync(
            [
                new MessageInteraction(at, "webchat", "r1", "fallback", 0.1, text, ""),
                new MessageInteraction(at, "webchat", "r2", "fallback", 0.1, text, ""),
            ], CancellationToken.None);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await IvigBotCli.RunAsync(["report", "--format", format], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, expectedLine, vehicle), output.ToString(), StringComparison.Ordinal);
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
