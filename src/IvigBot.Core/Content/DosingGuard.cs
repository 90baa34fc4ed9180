using System.Text.RegularExpressions;

namespace IvigBot.Content;

/// <summary>
/// The bot never gives dosing advice. This flags content lines that look like a dose, so an editor sees them in
/// <c>check</c>: an amount for the body's weight or a day ("0.4 g/kg", "2 grams per kilogram", "400 mg/kg") or a
/// fixed amount of a medicine ("1000 mg", "two tablets", "5 ml", "half a capsule").
/// </summary>
internal static partial class DosingGuard
{
    public static void Check(ContentLines lines, int start, int end, ICollection<ContentProblem> problems)
    {
        for (var i = start; i < end; i++)
        {
            if (IsDose(lines[i]))
            {
                problems.Add(new ContentProblem(
                    lines.At(i),
                    ProblemSeverity.Error,
                    "this looks like a dose; the bot must never give dosing advice — leave doses to the care team"));
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> contains something that looks like a dose.</summary>
    public static bool IsDose(string text) => DosePattern().IsMatch(text);

    /// <summary>The first thing in <paramref name="text"/> that looks like a dose, or null.</summary>
    public static string? FindDose(string text) => DosePattern().Match(text) is { Success: true } match ? match.Value : null;

    [GeneratedRegex(
        @"\d\s*(mg|g|grams?|milligrams?|ml|units?)\s*(/|per)\s*(kg|kilo(gram)?s?|day|dose)\b|\b(mg|g)/kg\b" +
        @"|(\b\d+([.,]\d+)?|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|half an?|a half|one and a half))\s*" +
        @"(mg|mcg|µg|g|grams?|milligrams?|micrograms?|ml|millilit(re|er)s?|units?|iu|tablets?|pills?|capsules?|puffs?|drops?|teaspoons?|spoonfuls?|sachets?)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex DosePattern();
}
