namespace IvigBot.Analysis;

/// <summary>Optimal-string-alignment (Damerau–Levenshtein) distance, with an early exit above a bound.</summary>
public static class EditDistance
{
    /// <summary>The number of insertions, deletions, substitutions and adjacent swaps; any value above <paramref name="max"/> means "too far".</summary>
    public static int Damerau(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        // Three rows (current, previous, the one before for swaps) in one buffer: no allocation for short words.
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 256 ? stackalloc int[width * 3] : new int[width * 3];
        for (var j = 0; j <= b.Length; j++)
        {
            rows[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var cur = i % 3 * width;
            var prev = (i - 1) % 3 * width;
            var prev2 = (i - 2 + 3) % 3 * width;
            rows[cur] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(rows[prev + j] + 1, rows[cur + j - 1] + 1), rows[prev + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, rows[prev2 + j - 2] + 1);
                }

                rows[cur + j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }
        }

        return rows[(a.Length % 3 * width) + b.Length];
    }

    /// <summary>
    /// Whether <c>Damerau(a, b, 1) &lt;= 1</c>: equal, or one insertion, deletion, substitution or swap of two
    /// neighbouring letters apart. The same answer in one pass over the words, for the many checks of triage and synonyms.
    /// </summary>
    public static bool WithinOne(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        if (a.Length - b.Length > 1)
        {
            return false;
        }

        var i = a.CommonPrefixLength(b);
        if (i == b.Length)
        {
            // Equal, or a is b with one letter more at the end.
            return true;
        }

        if (a.Length > b.Length)
        {
            // One letter of a left out.
            return a[(i + 1)..].SequenceEqual(b[i..]);
        }

        // Same length: one letter replaced, or two neighbours swapped.
        return a[(i + 1)..].SequenceEqual(b[(i + 1)..])
            || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]));
    }

    /// <summary>
    /// Which letters a word has, one bit per letter (other characters share six bits). One edit changes at most two
    /// bits, so words whose sets differ in more than twice the allowed edits need no distance computed.
    /// </summary>
    public static uint Letters(ReadOnlySpan<char> word)
    {
        uint bits = 0;
        foreach (var c in word)
        {
            bits |= 1u << (c is >= 'a' and <= 'z' ? c - 'a' : 26 + (c % 6));
        }

        return bits;
    }
}
