using System.Globalization;
using System.Text.RegularExpressions;

namespace IvigBot.Content;

/// <summary>
/// Reads question-and-answer entries from a Markdown file (<c>faq/entries/*.md</c>): a <c>## question</c>
/// heading, the header fields, a blank line, then the answer up to the next heading. See <c>faq/README.md</c>.
/// </summary>
public static partial class FaqEntryParser
{
    /// <summary>How many "also asked as" alternates an entry should have at least.</summary>
    public const int MinimumAlternates = 3;

    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "source", "reviewed", "last reviewed", "also asked as", "also",
    };

    public static IReadOnlyList<FaqDocument> Parse(string file, string text, ICollection<ContentProblem> problems)
    {
        var lines = ContentLines.Parse(file, text);
        var entries = new List<FaqDocument>();
        var topic = "";
        var i = 0;
        while (i < lines.Count)
        {
            if (ContentLines.Heading(lines[i], 1) is { } title)
            {
                topic = title;
                i++;
                continue;
            }

            if (ContentLines.Heading(lines[i], 2) is not { } question)
            {
                i++;
                continue;
            }

            var headingLine = i;
            var header = HeaderBlock.Read(lines, i + 1, Keys);
            var answerStart = header.End;
            var end = answerStart;
            while (end < lines.Count && ContentLines.Heading(lines[end], 1) is null && ContentLines.Heading(lines[end], 2) is null)
            {
                end++;
            }

            var entry = Build(lines, headingLine, question, topic, header, answerStart, end, problems);
            if (entry is not null)
            {
                entries.Add(entry);
            }

            i = end;
        }

        return entries;
    }

    private static FaqDocument? Build(
        ContentLines lines, int headingLine, string question, string topic, HeaderBlock header, int answerStart, int end, ICollection<ContentProblem> problems)
    {
        var at = lines.At(headingLine);
        void Problem(int line, string message) => problems.Add(new ContentProblem(new SourceLocation(lines.File, line), ProblemSeverity.Error, message));

        if (question.Length == 0)
        {
            Problem(at.Line, "the heading has no question text");
        }

        var id = header.First("id");
        if (id is null)
        {
            Problem(at.Line, $"entry \"{question}\" has no 'id:' line under its heading");
        }
        else if (!IdPattern().IsMatch(id.Value.Value))
        {
            Problem(id.Value.Line, $"id '{id.Value.Value}' may only use lower-case letters, digits and dashes");
        }

        var source = header.First("source");
        if (source is null)
        {
            Problem(at.Line, $"entry \"{question}\" has no 'source:' line (every answer must name where its facts come from)");
        }

        var reviewedField = header.First("reviewed") ?? header.First("last reviewed");
        DateOnly? reviewed = null;
        if (reviewedField is null)
        {
            Problem(at.Line, $"entry \"{question}\" has no 'reviewed:' date");
        }
        else if (DateOnly.TryParseExact(reviewedField.Value.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            reviewed = date;
        }
        else
        {
            Problem(reviewedField.Value.Line, $"reviewed date '{reviewedField.Value.Value}' is not a date like 2026-11-21");
        }

        var alternates = header.All("also asked as").Concat(header.All("also")).Select(a => a.Value).Where(a => a.Length > 0).ToList();
        if (alternates.Count < MinimumAlternates)
        {
            Problem(at.Line, $"entry \"{question}\" has {alternates.Count} 'also asked as' alternates; give at least {MinimumAlternates} ways patients ask it");
        }

        var answer = string.Join('\n', lines.Lines[answerStart..end]).Trim();
        if (answer.Length == 0)
        {
            Problem(at.Line, $"entry \"{question}\" has no answer text (leave one blank line after the header, then write the answer)");
        }

        DosingGuard.Check(lines, answerStart, end, problems);

        if (id is null || source is null || answer.Length == 0 || question.Length == 0)
        {
            return null;
        }

        return new FaqDocument
        {
            Id = id.Value.Value,
            Kind = FaqDocumentKind.Entry,
            Question = question,
            Alternates = alternates,
            Answer = answer,
            Source = source.Value.Value,
            Reviewed = reviewed,
            Topic = topic,
            Location = at,
        };
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
