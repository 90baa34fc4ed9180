using System.Text.RegularExpressions;

namespace IvigBot.Content;

/// <summary>
/// The bot never gives dosing advice. This flags content lines that look like a dose
/// (e.g. "0.4 g/kg", "2 grams per kilogram", "400 mg/kg") so an editor sees them in <c>check</c>.
/// </summary>
internal static partial class DosingGuard
{
    public static void Check(ContentLines lines, int start, int end, ICollection<ContentProblem> problems)
    {
        for (var i = start; i < end; i++)
        {
            if (DosePattern().IsMatch(lines[i]))
            {
                problems.Add(new ContentProblem(
                    lines.At(i),
                    ProblemSeverity.Error,
                    "this looks like a dose; the bot must never give dosing advice — leave doses to the care team"));
            }
        }
    }

    [GeneratedRegex(@"\d\s*(mg|g|grams?|milligrams?|ml|units?)\s*(/|per)\s*(kg|kilo(gram)?s?|day|dose)\b|\b(mg|g)/kg\b", RegexOptions.IgnoreCase)]
    private static partial Regex DosePattern();
}
