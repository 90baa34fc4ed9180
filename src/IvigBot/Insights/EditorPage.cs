using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace IvigBot.Insights;

/// <summary>The editor page (<c>GET /editor</c>): the report as HTML, with the weekly chart inline (<see cref="WeeklyChart"/>).</summary>
public static class EditorPage
{
    /// <summary>What the page says about this instance's queue and writer (other instances count their own).</summary>
    public sealed record InstanceCounters(long Dropped, long Failed, long Written);

    public static string Html(InsightsReport report, InstanceCounters counters)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(counters);
        var html = new StringBuilder(8192);
        html.Append("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>IvigBot editor: what patients ask</title>
            <link rel="stylesheet" href="/editor/assets/editor.css">
            </head>
            <body>
            <header>
            <h1>What patients ask</h1>
            """);
        html.Append(CultureInfo.InvariantCulture,
            $"<p>Generated {E(report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC. Messages are stored redacted: personal details show as tags such as [name] or [word]. Download: <a href=\"/editor/report.md\">Markdown</a>, <a href=\"/editor/report.csv\">CSV</a>.</p>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"counters\">This instance: {counters.Written} written, {counters.Dropped} dropped (queue full), {counters.Failed} lost (store unavailable).</p></header>\n<main>\n");

        html.Append("<section id=\"weekly\"><h2>Week by week</h2>\n").Append(WeeklyChart.Svg(report.Weeks));
        html.Append("<ul class=\"legend\"><li><span class=\"swatch bar\"></span>questions</li><li><span class=\"swatch answered\"></span>answered share</li><li><span class=\"swatch helpful\"></span>helpful share</li></ul></section>\n");

        html.Append("<section id=\"unanswered\"><h2>Unanswered questions, grouped by meaning</h2>\n");
        Table(html, report.Unanswered, ["count", "question", "similar messages"],
            g => [g.Count.ToString(CultureInfo.InvariantCulture), E(g.Question), E(string.Join(" / ", g.Examples))]);

        html.Append("<section id=\"worst-rated\"><h2>Entries with the worst helpful ratio</h2>\n");
        Table(html, report.WorstRated, ["entry", "helpful", "not helpful", "helpful share"],
            e => [Entry(e.EntryId, e.Question), e.Helpful.ToString(CultureInfo.InvariantCulture), e.NotHelpful.ToString(CultureInfo.InvariantCulture), InsightsReportWriter.Percent(e.HelpfulShare)]);

        html.Append("<section id=\"suggestions\"><h2>Suggested alternates</h2>\n<p>Patients asked these and then picked the entry: copy a line under the entry's <code>also asked as:</code> in <code>faq/</code>.</p>\n");
        if (report.Suggestions.Count == 0)
        {
            html.Append("<p class=\"empty\">Nothing yet.</p>\n");
        }

        foreach (var entry in report.Suggestions.GroupBy(s => s.EntryId, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"suggestion\" data-entry-id=\"{E(entry.Key)}\"><h3>{Entry(entry.Key, entry.First().Question)}</h3><ul>");
            foreach (var suggestion in entry)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<li><code>{E(suggestion.MarkdownLine)}</code> <button type=\"button\" class=\"copy\" data-copy=\"{E(suggestion.MarkdownLine)}\">Copy</button> <span class=\"count\">picked {suggestion.Count}×</span></li>");
            }

            html.Append("</ul></div>\n");
        }

        html.Append("</section>\n<section id=\"review\"><h2>Entries to review</h2>\n");
        Table(html, report.Stale, ["entry", "reviewed", "file"],
            s => [Entry(s.EntryId, s.Question), InsightsReportWriter.Reviewed(s.Reviewed), E(s.Location)]);

        html.Append("</main>\n<script src=\"/editor/assets/editor.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A table of <paramref name="rows"/> (cells already encoded), or "Nothing yet."; closes the section.</summary>
    private static void Table<T>(StringBuilder html, IReadOnlyList<T> rows, string[] headings, Func<T, string[]> cells)
    {
        if (rows.Count == 0)
        {
            html.Append("<p class=\"empty\">Nothing yet.</p></section>\n");
            return;
        }

        html.Append("<table><thead><tr>");
        foreach (var heading in headings)
        {
            html.Append("<th scope=\"col\">").Append(E(heading)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in cells(row))
            {
                html.Append("<td>").Append(cell).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static string Entry(string id, string? question) =>
        question is null ? $"<code>{E(id)}</code>" : $"{E(question)} <code>{E(id)}</code>";

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
