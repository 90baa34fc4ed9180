using System.Text;

namespace IvigBot.Search;

/// <summary>
/// The Porter stemmer exactly as SQLite FTS5's <c>porter</c> tokenizer applies it (ext/fts5/fts5_tokenize.c), so
/// that managed code can compute the very terms our FTS5 index stores ("hopping" → "hop", "relational" → "relat").
/// The input is one token as FTS5's <c>unicode61</c> tokenizer hands it to the porter wrapper (lower-case, folded).
/// Like FTS5 it works on the token's UTF-8 bytes: a token under 3 or over 64 bytes is stored unchanged, bytes
/// outside ASCII (and digits) count as consonants, and a vowel is a, e, i, o, u, or y after a consonant.
/// PorterStemmerTests checks it against FTS5 itself for every word of <see cref="Analysis.EnglishWords"/>, every
/// token of the shipped FAQ and edge cases.
/// </summary>
/// <remarks>
/// <see cref="Analysis.FaqTokenizer"/>'s tokens are already what unicode61 hands on for ASCII and Latin-1 text, but
/// not for letters it leaves alone and unicode61 folds ("dvořak" → "dvorak", "việt" → "viet", final "ς" → "σ",
/// "İ" → "i"): for those, FTS5 stems the folded form.
/// </remarks>
public static class PorterStemmer
{
    /// <summary>Tokens longer than this, in UTF-8 bytes, pass through unstemmed (FTS5_PORTER_MAX_TOKEN).</summary>
    private const int MaxTokenBytes = 64;

    /// <summary>Tokens shorter than this, in UTF-8 bytes, pass through unstemmed.</summary>
    private const int MinTokenBytes = 3;

    private enum Condition
    {
        /// <summary>m &gt; 0: the stem has at least one vowel-consonant sequence.</summary>
        MeasureAbove0,

        /// <summary>m &gt; 1.</summary>
        MeasureAbove1,

        /// <summary>m &gt; 1 and the stem ends in s or t (for -ion).</summary>
        MeasureAbove1EndingSOrT,
    }

    /// <summary>The term FTS5 stores for <paramref name="token"/>; the same string instance when stemming changes nothing.</summary>
    public static string Stem(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> stem = stackalloc byte[MaxTokenBytes];
        var length = StemUtf8(token, stem);
        return length < 0 ? token : Encoding.UTF8.GetString(stem[..length]);
    }

    /// <summary>
    /// Writes the term FTS5 stores for <paramref name="token"/> to <paramref name="destination"/> (at least as long as
    /// the token; a stem is never longer) and returns its length in chars, without allocating.
    /// </summary>
    public static int Stem(ReadOnlySpan<char> token, Span<char> destination)
    {
        if (destination.Length < token.Length)
        {
            throw new ArgumentException("The destination must be at least as long as the token.", nameof(destination));
        }

        Span<byte> stem = stackalloc byte[MaxTokenBytes];
        var length = StemUtf8(token, stem);
        if (length < 0)
        {
            token.CopyTo(destination);
            return token.Length;
        }

        return Encoding.UTF8.GetChars(stem[..length], destination);
    }

    /// <summary>Stems the token's UTF-8 bytes into <paramref name="stem"/>; -1 when the token is stored as it is.</summary>
    private static int StemUtf8(ReadOnlySpan<char> token, Span<byte> stem)
    {
        if (token.Length > MaxTokenBytes)
        {
            return -1;
        }

        int n;
        if (Ascii.IsValid(token))
        {
            n = token.Length;
            if (n < MinTokenBytes)
            {
                return -1;
            }

            Ascii.FromUtf16(token, stem, out _);
        }
        else
        {
            n = Encoding.UTF8.GetByteCount(token);
            if (n > MaxTokenBytes || n < MinTokenBytes)
            {
                return -1;
            }

            Encoding.UTF8.GetBytes(token, stem);
        }

        Span<byte> original = stackalloc byte[MaxTokenBytes];
        stem[..n].CopyTo(original);
        var length = Apply(stem, n);
        return length == n && stem[..n].SequenceEqual(original[..n]) ? -1 : length;
    }

    /// <summary>Porter's steps on <paramref name="b"/>[..n], in FTS5's order and with FTS5's conditions; returns the new length.</summary>
    private static int Apply(Span<byte> b, int n)
    {
        // Step 1a: plurals.
        if (b[n - 1] == 's')
        {
            if (b[n - 2] == 'e')
            {
                n -= (n > 4 && b[n - 4] == 's' && b[n - 3] == 's') || (n > 3 && b[n - 3] == 'i') ? 2 : 1;
            }
            else if (b[n - 2] != 's')
            {
                n--;
            }
        }

        // Step 1b: -eed, -ed, -ing; after -ed or -ing, tidy the stem.
        if (Step1B(b, ref n) && !Step1B2(b, ref n))
        {
            var c = b[n - 1];
            if (!IsVowel(c, false) && c != 'l' && c != 's' && c != 'z' && c == At(b, n - 2))
            {
                n--;
            }
            else if (MeasureIs1(b[..n]) && EndsCvc(b[..n]))
            {
                b[n++] = (byte)'e';
            }
        }

        // Step 1c: a final y after a vowel anywhere in the stem becomes i.
        if (b[n - 1] == 'y' && HasVowel(b[..(n - 1)]))
        {
            b[n - 1] = (byte)'i';
        }

        Step2(b, ref n);
        Step3(b, ref n);
        Step4(b, ref n);

        // Step 5a: a final e goes when m > 1, or m = 1 and the stem does not end consonant-vowel-consonant.
        if (b[n - 1] == 'e')
        {
            var stem = b[..(n - 1)];
            if (MeasureAbove1(stem) || (MeasureIs1(stem) && !EndsCvc(stem)))
            {
                n--;
            }
        }

        // Step 5b: -ll becomes -l when m > 1.
        if (n > 1 && b[n - 1] == 'l' && b[n - 2] == 'l' && MeasureAbove1(b[..(n - 1)]))
        {
            n--;
        }

        return n;
    }

    private static bool Step1B(Span<byte> b, ref int n)
    {
        var word = b[..n];
        switch (At(b, n - 2))
        {
            case 'e':
                if (EndsWith(word, "eed"u8))
                {
                    if (MeasureAbove0(word[..^3]))
                    {
                        n--;
                    }
                }
                else if (EndsWith(word, "ed"u8) && HasVowel(word[..^2]))
                {
                    n -= 2;
                    return true;
                }

                break;
            case 'n':
                if (EndsWith(word, "ing"u8) && HasVowel(word[..^3]))
                {
                    n -= 3;
                    return true;
                }

                break;
        }

        return false;
    }

    private static bool Step1B2(Span<byte> b, ref int n)
    {
        var word = b[..n];
        var suffix = At(b, n - 2) switch
        {
            'a' => "at"u8,
            'b' => "bl"u8,
            'i' => "iz"u8,
            _ => default,
        };

        if (suffix.IsEmpty || !EndsWith(word, suffix))
        {
            return false;
        }

        b[n++] = (byte)'e';
        return true;
    }

    private static void Step2(Span<byte> b, ref int n)
    {
        const Condition m0 = Condition.MeasureAbove0;
        _ = At(b, n - 2) switch
        {
            'a' => Replace(b, ref n, "ational"u8, "ate"u8, m0) || Replace(b, ref n, "tional"u8, "tion"u8, m0),
            'c' => Replace(b, ref n, "enci"u8, "ence"u8, m0) || Replace(b, ref n, "anci"u8, "ance"u8, m0),
            'e' => Replace(b, ref n, "izer"u8, "ize"u8, m0),
            'g' => Replace(b, ref n, "logi"u8, "log"u8, m0),
            'l' => Replace(b, ref n, "bli"u8, "ble"u8, m0) || Replace(b, ref n, "alli"u8, "al"u8, m0)
                || Replace(b, ref n, "entli"u8, "ent"u8, m0) || Replace(b, ref n, "eli"u8, "e"u8, m0)
                || Replace(b, ref n, "ousli"u8, "ous"u8, m0),
            'o' => Replace(b, ref n, "ization"u8, "ize"u8, m0) || Replace(b, ref n, "ation"u8, "ate"u8, m0)
                || Replace(b, ref n, "ator"u8, "ate"u8, m0),
            's' => Replace(b, ref n, "alism"u8, "al"u8, m0) || Replace(b, ref n, "iveness"u8, "ive"u8, m0)
                || Replace(b, ref n, "fulness"u8, "ful"u8, m0) || Replace(b, ref n, "ousness"u8, "ous"u8, m0),
            't' => Replace(b, ref n, "aliti"u8, "al"u8, m0) || Replace(b, ref n, "iviti"u8, "ive"u8, m0)
                || Replace(b, ref n, "biliti"u8, "ble"u8, m0),
            _ => false,
        };
    }

    private static void Step3(Span<byte> b, ref int n)
    {
        const Condition m0 = Condition.MeasureAbove0;
        _ = At(b, n - 2) switch
        {
            'a' => Replace(b, ref n, "ical"u8, "ic"u8, m0),
            's' => Replace(b, ref n, "ness"u8, default, m0),
            't' => Replace(b, ref n, "icate"u8, "ic"u8, m0) || Replace(b, ref n, "iciti"u8, "ic"u8, m0),
            'u' => Replace(b, ref n, "ful"u8, default, m0),
            'v' => Replace(b, ref n, "ative"u8, default, m0),
            'z' => Replace(b, ref n, "alize"u8, "al"u8, m0),
            _ => false,
        };
    }

    private static void Step4(Span<byte> b, ref int n)
    {
        const Condition m1 = Condition.MeasureAbove1;
        _ = At(b, n - 2) switch
        {
            'a' => Replace(b, ref n, "al"u8, default, m1),
            'c' => Replace(b, ref n, "ance"u8, default, m1) || Replace(b, ref n, "ence"u8, default, m1),
            'e' => Replace(b, ref n, "er"u8, default, m1),
            'i' => Replace(b, ref n, "ic"u8, default, m1),
            'l' => Replace(b, ref n, "able"u8, default, m1) || Replace(b, ref n, "ible"u8, default, m1),
            'n' => Replace(b, ref n, "ant"u8, default, m1) || Replace(b, ref n, "ement"u8, default, m1)
                || Replace(b, ref n, "ment"u8, default, m1) || Replace(b, ref n, "ent"u8, default, m1),
            'o' => Replace(b, ref n, "ion"u8, default, Condition.MeasureAbove1EndingSOrT) || Replace(b, ref n, "ou"u8, default, m1),
            's' => Replace(b, ref n, "ism"u8, default, m1),
            't' => Replace(b, ref n, "ate"u8, default, m1) || Replace(b, ref n, "iti"u8, default, m1),
            'u' => Replace(b, ref n, "ous"u8, default, m1),
            'v' => Replace(b, ref n, "ive"u8, default, m1),
            'z' => Replace(b, ref n, "ize"u8, default, m1),
            _ => false,
        };
    }

    /// <summary>
    /// One rule: when the word is longer than <paramref name="suffix"/> and ends with it, returns true (later rules of
    /// the step are not tried) and, if the stem before the suffix meets <paramref name="condition"/>, replaces the
    /// suffix with <paramref name="output"/>.
    /// </summary>
    private static bool Replace(Span<byte> b, ref int n, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> output, Condition condition)
    {
        var word = b[..n];
        if (!EndsWith(word, suffix))
        {
            return false;
        }

        var stem = word[..^suffix.Length];
        var met = condition switch
        {
            Condition.MeasureAbove0 => MeasureAbove0(stem),
            Condition.MeasureAbove1 => MeasureAbove1(stem),
            _ => stem[^1] is (byte)'s' or (byte)'t' && MeasureAbove1(stem),
        };

        if (met)
        {
            output.CopyTo(b[stem.Length..]);
            n = stem.Length + output.Length;
        }

        return true;
    }

    /// <summary>Ends with <paramref name="suffix"/> and is longer than it (FTS5 never strips a whole word).</summary>
    private static bool EndsWith(ReadOnlySpan<byte> word, ReadOnlySpan<byte> suffix) =>
        word.Length > suffix.Length && word.EndsWith(suffix);

    /// <summary>The byte at <paramref name="i"/>, or -1 before the start of the word.</summary>
    private static int At(ReadOnlySpan<byte> b, int i) => i >= 0 ? b[i] : -1;

    private static bool IsVowel(byte c, bool yIsVowel) =>
        c is (byte)'a' or (byte)'e' or (byte)'i' or (byte)'o' or (byte)'u' || (yIsVowel && c == 'y');

    /// <summary>
    /// Skips to the end of the first vowel-then-consonant sequence and returns the length consumed (0 when there is
    /// none); <paramref name="afterConsonant"/> says whether the byte before <paramref name="stem"/> was a consonant.
    /// </summary>
    private static int SkipVowelConsonant(ReadOnlySpan<byte> stem, bool afterConsonant)
    {
        var consonant = afterConsonant;
        var i = 0;
        for (; i < stem.Length; i++)
        {
            consonant = !IsVowel(stem[i], consonant);
            if (!consonant)
            {
                break;
            }
        }

        for (i++; i < stem.Length; i++)
        {
            consonant = !IsVowel(stem[i], consonant);
            if (consonant)
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static bool MeasureAbove0(ReadOnlySpan<byte> stem) => SkipVowelConsonant(stem, false) != 0;

    private static bool MeasureAbove1(ReadOnlySpan<byte> stem)
    {
        var first = SkipVowelConsonant(stem, false);
        return first != 0 && SkipVowelConsonant(stem[first..], true) != 0;
    }

    private static bool MeasureIs1(ReadOnlySpan<byte> stem)
    {
        var first = SkipVowelConsonant(stem, false);
        return first != 0 && SkipVowelConsonant(stem[first..], true) == 0;
    }

    /// <summary>Porter's *o: ends consonant-vowel-consonant, the last consonant not w, x or y.</summary>
    private static bool EndsCvc(ReadOnlySpan<byte> stem)
    {
        if (stem[^1] is (byte)'w' or (byte)'x' or (byte)'y')
        {
            return false;
        }

        var pattern = 0;
        var consonant = false;
        foreach (var c in stem)
        {
            consonant = !IsVowel(c, consonant);
            pattern = ((pattern << 1) | (consonant ? 1 : 0)) & 0b111;
        }

        return pattern == 0b101;
    }

    /// <summary>Porter's *v*: has a vowel, where y counts as one anywhere but first (FTS5's reading, looser than Porter's).</summary>
    private static bool HasVowel(ReadOnlySpan<byte> stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (IsVowel(stem[i], i > 0))
            {
                return true;
            }
        }

        return false;
    }
}
