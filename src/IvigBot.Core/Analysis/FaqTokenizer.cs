using System.Text;

namespace IvigBot.Analysis;

/// <summary>
/// Splits text into lower-case word tokens: letters and digits, accents folded ("Barré" → "barre"),
/// apostrophes dropped inside words ("can't" → "cant"), everything else a separator.
/// </summary>
public static class FaqTokenizer
{
    public static List<string> Tokenize(string text)
    {
        var tokens = TokenizeRaw(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            tokens[i] = NegationFilter.Normalize(tokens[i]);
        }

        return tokens;
    }

    /// <summary>The tokens as written, negations not normalised (for triage phrases, where "cant breathe" must stay as it is).</summary>
    public static List<string> TokenizeRaw(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text)
        {
            var c = Fold(raw);
            if (c == '\0')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (c == '\'' && current.Length > 0)
            {
                // apostrophe inside a word: "can't" → "cant", "patient's" → "patients"
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>Folds common Latin accents and typographic apostrophes; returns '\0' for characters to drop.</summary>
    private static char Fold(char c) => c switch
    {
        '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4' => '\'',
        >= '\u00C0' and <= '\u00C5' or >= '\u00E0' and <= '\u00E5' => 'a',
        '\u00C7' or '\u00E7' => 'c',
        >= '\u00C8' and <= '\u00CB' or >= '\u00E8' and <= '\u00EB' => 'e',
        >= '\u00CC' and <= '\u00CF' or >= '\u00EC' and <= '\u00EF' => 'i',
        '\u00D1' or '\u00F1' => 'n',
        >= '\u00D2' and <= '\u00D6' or >= '\u00F2' and <= '\u00F6' or '\u00D8' or '\u00F8' => 'o',
        >= '\u00D9' and <= '\u00DC' or >= '\u00F9' and <= '\u00FC' => 'u',
        '\u00DD' or '\u00FD' or '\u00FF' => 'y',
        '\u0301' or '\u0300' or '\u0308' or '\u0302' => '\0',
        _ => c,
    };
}
