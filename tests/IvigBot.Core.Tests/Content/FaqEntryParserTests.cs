using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Content;

public class FaqEntryParserTests
{
    private const string File = "entries/side-effects.md";

    [Fact]
    public void A_valid_entry_parses_into_its_fields()
    {
        var problems = new List<ContentProblem>();
        var entry = Assert.Single(FaqEntryParser.Parse(File, string.Join('\n', ContentSamples.EntryLines), problems));

        Assert.Empty(problems);
        Assert.Equal("ivig-flu", entry.Id);
        Assert.Equal(FaqDocumentKind.Entry, entry.Kind);
        Assert.Equal("What is IVIG flu?", entry.Question);
        Assert.Equal("Patient column, source document 002", entry.Source);
        Assert.Equal(new DateOnly(2026, 11, 21), entry.Reviewed);
        Assert.Equal(["ivig flu symptoms", "flu like symptoms after infusion", "ivig headache fever chills"], entry.Alternates);
        Assert.StartsWith("Some people feel", entry.Answer, StringComparison.Ordinal);
        Assert.Equal("Side effects", entry.Topic);
        Assert.Equal(new SourceLocation(File, 3), entry.Location);
    }

    [Fact]
    public void Comments_and_crlf_do_not_shift_line_numbers()
    {
        var text = "<!-- editors:\nkeep answers short -->\n" + string.Join("\r\n", ContentSamples.EntryLines).Replace("reviewed: 2026-11-21", "reviewed: soon", StringComparison.Ordinal);
        var problems = new List<ContentProblem>();
        var entry = Assert.Single(FaqEntryParser.Parse(File, text, problems));

        Assert.Equal(5, entry.Location.Line);
        Assert.Equal(new SourceLocation(File, 8), Assert.Single(problems).Location);
    }

    [Fact]
    public void Several_entries_each_get_their_own_heading_line()
    {
        var text = "# Topic\n\n" + ContentSamples.Entry("first", "First?", "One answer.") + "\n" + ContentSamples.Entry("second", "Second?", "Two answer.");
        var problems = new List<ContentProblem>();
        var entries = FaqEntryParser.Parse(File, text, problems);

        Assert.Empty(problems);
        Assert.Equal(["first", "second"], entries.Select(e => e.Id));
        Assert.Equal(3, entries[0].Location.Line);
        Assert.Equal("Two answer.", entries[1].Answer);
        Assert.Equal(text.Split('\n').ToList().IndexOf("## Second?") + 1, entries[1].Location.Line);
    }

    /// <summary>
    /// Each case changes one line of <see cref="ContentSamples.EntryLines"/> (1-based; null deletes it) and names
    /// the line the problem must be reported at and a word of the message.
    /// </summary>
    [Theory]
    [InlineData("missing id", 4, null, 3, "id")]
    [InlineData("bad id", 4, "id: IVIG_Flu", 4, "IVIG_Flu")]
    [InlineData("id with spaces", 4, "id: ivig flu", 4, "ivig flu")]
    [InlineData("missing source", 5, null, 3, "source")]
    [InlineData("bad reviewed date", 6, "reviewed: 21/11/2026", 6, "21/11/2026")]
    [InlineData("impossible reviewed date", 6, "reviewed: 2026-02-30", 6, "2026-02-30")]
    [InlineData("missing reviewed date", 6, null, 3, "reviewed")]
    [InlineData("two alternates", 10, null, 3, "alternates")]
    [InlineData("empty answer", 12, "", 3, "answer")]
    [InlineData("dose in answer", 12, "Most adults get 0.4 g/kg a day.", 12, "dose")]
    [InlineData("dose in words", 12, "The usual amount is 2 grams per kilogram.", 12, "dose")]
    [InlineData("dose in mg", 12, "Children get 400 mg/kg.", 12, "dose")]
    [InlineData("fixed amount in mg", 12, "Take 1000 mg of paracetamol before the drip.", 12, "dose")]
    [InlineData("fixed amount in grams", 12, "Adults are usually given 30 g at each infusion.", 12, "dose")]
    [InlineData("tablets in words", 12, "Take two tablets of an antihistamine an hour before.", 12, "dose")]
    [InlineData("ml", 12, "A child may get 5 ml of the syrup.", 12, "dose")]
    [InlineData("half a capsule", 12, "Some people only need half a capsule.", 12, "dose")]
    public void A_broken_entry_is_reported_at_its_file_and_line(string name, int lineToChange, string? replacement, int expectedLine, string messagePart)
    {
        var lines = ContentSamples.EntryLines.ToList();
        if (replacement is null)
        {
            lines.RemoveAt(lineToChange - 1);
        }
        else
        {
            lines[lineToChange - 1] = replacement;
        }

        var problems = new List<ContentProblem>();
        FaqEntryParser.Parse(File, string.Join('\n', lines), problems);

        var problem = Assert.Single(problems);
        Assert.True(problem.Location == new SourceLocation(File, expectedLine), $"{name}: reported at {problem}");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains(messagePart, problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(4, null)]
    [InlineData(5, null)]
    [InlineData(12, "")]
    public void An_entry_without_id_source_or_answer_is_not_served(int lineToChange, string? replacement)
    {
        var lines = ContentSamples.EntryLines.ToList();
        if (replacement is null)
        {
            lines.RemoveAt(lineToChange - 1);
        }
        else
        {
            lines[lineToChange - 1] = replacement;
        }

        Assert.Empty(FaqEntryParser.Parse(File, string.Join('\n', lines), new List<ContentProblem>()));
    }

    [Fact]
    public void A_percentage_or_a_time_is_not_a_dose()
    {
        var lines = ContentSamples.EntryLines.ToList();
        lines[11] = "About 5% of people get a headache; an infusion takes 2 to 4 hours, about 1 day per month; drink 2 litres of water, and tell the nurse if two or three symptoms come together.";
        var problems = new List<ContentProblem>();

        FaqEntryParser.Parse(File, string.Join('\n', lines), problems);

        Assert.Empty(problems);
    }
}
