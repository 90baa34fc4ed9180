namespace IvigBot.Analysis;

/// <summary>
/// A light English stemmer for comparing words in C# (plurals, -ing, -ed, a final e), so that
/// "kidneys" meets "kidney" and "diagnosed" meets "diagnose". The index itself uses Lucene's porter stemmer (<see cref="FaqAnalyzer"/>).
/// </summary>
public static class LightStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith("es", StringComparison.Ordinal) && (w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal)))
        {
            w = w[..^2];
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            w = w[..^1];
        }
        else if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length - 3 >= 4)
        {
            w = Undouble(w[..^3]);
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length - 2 >= 4)
        {
            w = Undouble(w[..^2]);
        }

        if (w.Length > 4 && w.EndsWith('e'))
        {
            w = w[..^1];
        }

        return w;
    }

    private static string Undouble(string w) =>
        w.Length >= 2 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z') ? w[..^1] : w;
}
