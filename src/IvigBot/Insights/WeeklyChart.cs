using System.Globalization;
using System.Net;
using System.Text;

namespace IvigBot.Insights;

/// <summary>
/// The editor page's chart as inline SVG, drawn on the server (nothing loaded from anywhere): one bar per week for
/// the questions (left scale), a line for the answered share and one for the helpful share (right scale, 0–100%).
/// </summary>
public static class WeeklyChart
{
    public const int Width = 720;
    public const int Height = 260;
    private const int Left = 48;
    private const int Right = 56;
    private const int Top = 16;
    private const int Bottom = 36;

    /// <summary>Line colours; the page's legend (editor.css) uses the same.</summary>
    public const string AnsweredColor = "#2b6cb0";
    public const string HelpfulColor = "#2f855a";
    private const string BarColor = "#bcd6ee";

    public static string Svg(IReadOnlyList<WeekFigures> weeks)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var max = Math.Max(1, weeks.Count == 0 ? 1 : weeks.Max(w => w.Questions));
        var step = weeks.Count == 0 ? plotWidth : (double)plotWidth / weeks.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"weekly-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-labelledby=\"weekly-chart-title\">");
        svg.Append("<title id=\"weekly-chart-title\">Questions per week (bars), answered share and helpful share (lines)</title>");

        // Axes and scales: questions on the left, shares on the right.
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#718096\"/>");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = Top + plotHeight * (1 - fraction);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + plotWidth}\" y2=\"{y:0.#}\" stroke=\"#e2e8f0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a5568\">{Math.Round(max * fraction):0}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotWidth + 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" fill=\"#4a5568\">{fraction * 100:0}%</text>");
        }

        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i];
            var height = plotHeight * week.Questions / (double)max;
            var x = Left + i * step + step * 0.15;
            var label = InsightsReportWriter.Date(week.WeekStart);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" data-week=\"{label}\" data-questions=\"{week.Questions}\" x=\"{x:0.#}\" y=\"{Top + plotHeight - height:0.#}\" width=\"{step * 0.7:0.#}\" height=\"{height:0.#}\" fill=\"{BarColor}\">");
            svg.Append(CultureInfo.InvariantCulture,
                $"<title>Week of {label}: {week.Questions} questions, answered {InsightsReportWriter.Percent(week.AnsweredShare)}, helpful {InsightsReportWriter.Percent(week.HelpfulShare)}</title></rect>");
            if (i % 2 == weeks.Count % 2 || weeks.Count <= 6)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{Left + i * step + step / 2:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a5568\">{WebUtility.HtmlEncode(week.WeekStart.ToString("d MMM", CultureInfo.InvariantCulture))}</text>");
            }
        }

        Line(svg, "answered", AnsweredColor, weeks, w => w.AnsweredShare, step, plotHeight);
        Line(svg, "helpful", HelpfulColor, weeks, w => w.HelpfulShare, step, plotHeight);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A share as a line with a dot per week; weeks without data break the line.</summary>
    private static void Line(StringBuilder svg, string name, string color, IReadOnlyList<WeekFigures> weeks, Func<WeekFigures, double?> share, double step, int plotHeight)
    {
        var path = new StringBuilder();
        var dots = new StringBuilder();
        var drawing = false;
        for (var i = 0; i < weeks.Count; i++)
        {
            if (share(weeks[i]) is not { } value)
            {
                drawing = false;
                continue;
            }

            var x = Left + i * step + step / 2;
            var y = Top + plotHeight * (1 - value);
            path.Append(CultureInfo.InvariantCulture, $"{(drawing ? 'L' : 'M')}{x:0.#} {y:0.#} ");
            dots.Append(CultureInfo.InvariantCulture, $"<circle class=\"{name}\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"{color}\"/>");
            drawing = true;
        }

        if (path.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"{name}\" d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
        }

        svg.Append(dots);
    }
}
