using System.Globalization;

namespace IvigBot.Content;

/// <summary>
/// Splits an article (<c>faq/articles/*.md</c> or <c>*.txt</c>) into passages by section heading and
/// paragraph, so the bot can quote the one part that answers a question.
/// </summary>
public static class ArticleParser
{
    /// <summary>Paragraphs shorter than this many words are joined to the next one in the same section.</summary>
    public const int MinimumPassageWords = 12;

    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase) { "source", "reviewed", "last reviewed" };

    public static IReadOnlyList<FaqDocument> Parse(string file, string text, ICollection<ContentProblem> problems)
    {
        var lines = ContentLines.Parse(file, text);
        var markdown = file.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
        var stem = Path.GetFileNameWithoutExtension(file);

        var first = 0;
        while (first < lines.Count && ContentLines.IsBlank(lines[first]))
        {
            first++;
        }

        if (first == lines.Count)
        {
            problems.Add(new ContentProblem(lines.At(0), ProblemSeverity.Error, "the article is empty"));
            return [];
        }

        string title;
        if (markdown && ContentLines.Heading(lines[first], 1) is { } heading)
        {
            title = heading;
        }
        else if (!markdown)
        {
            title = lines[first].Trim();
        }
        else
        {
            problems.Add(new ContentProblem(lines.At(first), ProblemSeverity.Error, "an article must start with its title as a '# ' heading"));
            title = stem;
            first--;
        }

        var header = HeaderBlock.Read(lines, first + 1, Keys);
        var source = header.First("source");
        if (source is null)
        {
            problems.Add(new ContentProblem(lines.At(first), ProblemSeverity.Error, "the article has no 'source:' line under its title (every passage must name where its facts come from)"));
        }

        DateOnly? reviewed = null;
        if ((header.First("reviewed") ?? header.First("last reviewed")) is { } r)
        {
            if (DateOnly.TryParseExact(r.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                reviewed = date;
            }
            else
            {
                problems.Add(new ContentProblem(new SourceLocation(file, r.Line), ProblemSeverity.Error, $"reviewed date '{r.Value}' is not a date like 2026-11-21"));
            }
        }

        DosingGuard.Check(lines, header.End, lines.Count, problems);

        var passages = new List<FaqDocument>();
        var section = "";
        var paragraph = new List<string>();
        var paragraphStart = -1;

        void Flush(bool force)
        {
            if (paragraph.Count == 0)
            {
                return;
            }

            var body = string.Join('\n', paragraph).Trim();
            if (!force && WordCount(body) < MinimumPassageWords)
            {
                return;
            }

            passages.Add(new FaqDocument
            {
                Id = $"{stem}#{passages.Count + 1}",
                Kind = FaqDocumentKind.Passage,
                Question = section.Length > 0 ? $"{title}: {section}" : title,
                Answer = body,
                Source = source?.Value ?? title,
                Reviewed = reviewed,
                Topic = title,
                Location = lines.At(paragraphStart),
            });
            paragraph.Clear();
        }

        for (var i = header.End; i < lines.Count; i++)
        {
            var line = lines[i];
            var sectionHeading = markdown
                ? ContentLines.Heading(line, 2) ?? ContentLines.Heading(line, 3)
                : LooksLikePlainTextHeading(lines, i) ? line.Trim() : null;
            if (sectionHeading is not null)
            {
                Flush(force: true);
                section = sectionHeading;
                continue;
            }

            if (ContentLines.IsBlank(line))
            {
                Flush(force: false);
                continue;
            }

            if (paragraph.Count == 0)
            {
                paragraphStart = i;
            }

            paragraph.Add(line);
        }

        Flush(force: true);
        if (passages.Count == 0 && source is not null)
        {
            problems.Add(new ContentProblem(lines.At(first), ProblemSeverity.Error, "the article has a title but no text"));
        }

        return passages;
    }

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>In a plain-text article, a short line standing alone, without closing punctuation, is a section heading.</summary>
    private static bool LooksLikePlainTextHeading(ContentLines lines, int i)
    {
        var line = lines[i].Trim();
        return line.Length is > 0 and <= 60
            && !".,;:!?".Contains(line[^1], StringComparison.Ordinal)
            && !line.StartsWith('-')
            && (i == 0 || ContentLines.IsBlank(lines[i - 1]))
            && i + 1 < lines.Count && ContentLines.IsBlank(lines[i + 1]);
    }
}
