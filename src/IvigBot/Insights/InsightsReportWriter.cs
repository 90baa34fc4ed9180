using System.Globalization;

namespace IvigBot.Insights;

/// <summary>The report as text for the <c>report</c> verb: Markdown (tables, as on the editor page) or CSV (one row per figure).</summary>
public static class InsightsReportWriter
{
    public static void WriteMarkdown(InsightsReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("# IvigBot editor report");
        output.WriteLine();
        output.WriteLine($"Generated {report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Messages are stored redacted.");

        Table(output, "Unanswered questions, grouped by meaning", "| count | question | similar messages |\n|---:|---|---|", report.Unanswered,
            g => $"| {g.Count} | {Cell(g.Question)} | {Cell(string.Join(" / ", g.Examples))} |");
        Table(output, "Entries with the worst helpful ratio", "| entry | helpful | not helpful | helpful share |\n|---|---:|---:|---:|", report.WorstRated,
            e => $"| {Cell(e.EntryId)} | {e.Helpful} | {e.NotHelpful} | {Percent(e.HelpfulShare)} |");

        output.WriteLine();
        output.WriteLine("## Suggested alternates (add under the entry's `also asked as:`)");
        foreach (var entry in report.Suggestions.GroupBy(s => s.EntryId, StringComparer.Ordinal))
        {
            output.WriteLine();
            output.WriteLine($"### {entry.Key}{(entry.First().Question is { } q ? " (" + q + ")" : "")}");
            output.WriteLine();
            foreach (var suggestion in entry)
            {
                output.WriteLine($"{suggestion.MarkdownLine}  <!-- picked {suggestion.Count}x -->");
            }
        }

        Table(output, "Entries to review", "| entry | reviewed | file |\n|---|---|---|", report.Stale,
            e => $"| {Cell(e.EntryId)} | {Reviewed(e.Reviewed)} | {Cell(e.Location)} |");
        Table(output, "Weekly", "| week of | questions | answered share | helpful share |\n|---|---:|---:|---:|", report.Weeks,
            w => $"| {Date(w.WeekStart)} | {w.Questions} | {Percent(w.AnsweredShare)} | {Percent(w.HelpfulShare)} |");
    }

    private static void Table<T>(TextWriter output, string heading, string header, IEnumerable<T> rows, Func<T, string> row)
    {
        output.WriteLine();
        output.WriteLine("## " + heading);
        output.WriteLine();
        output.WriteLine(header);
        foreach (var item in rows)
        {
            output.WriteLine(row(item));
        }
    }

    /// <summary>CSV with a header: <c>section,entry,text,count,helpful,not_helpful,share,date</c>; empty fields where they do not apply.</summary>
    public static void WriteCsv(InsightsReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("section,entry,text,count,helpful,not_helpful,share,date");
        foreach (var group in report.Unanswered)
        {
            Row(output, "unanswered", "", group.Question, group.Count, null, null, null, "");
        }

        foreach (var entry in report.WorstRated)
        {
            Row(output, "feedback", entry.EntryId, entry.Question ?? "", entry.Helpful + entry.NotHelpful, entry.Helpful, entry.NotHelpful, entry.HelpfulShare, "");
        }

        foreach (var suggestion in report.Suggestions)
        {
            Row(output, "suggestion", suggestion.EntryId, suggestion.Message, suggestion.Count, null, null, null, "");
        }

        foreach (var entry in report.Stale)
        {
            Row(output, "review", entry.EntryId, entry.Question, null, null, null, null, Reviewed(entry.Reviewed));
        }

        foreach (var week in report.Weeks)
        {
            Row(output, "week", "", "", week.Questions, week.Helpful, week.Feedback - week.Helpful, week.AnsweredShare, Date(week.WeekStart));
        }
    }

    private static void Row(TextWriter output, string section, string entry, string text, long? count, long? helpful, long? notHelpful, double? share, string date) =>
        output.WriteLine(string.Join(',',
            section, Csv(entry), Csv(text), count?.ToString(CultureInfo.InvariantCulture) ?? "",
            helpful?.ToString(CultureInfo.InvariantCulture) ?? "", notHelpful?.ToString(CultureInfo.InvariantCulture) ?? "",
            share?.ToString("0.###", CultureInfo.InvariantCulture) ?? "", date));

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    internal static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Reviewed(DateOnly? date) => date is { } d ? Date(d) : "never";
}
