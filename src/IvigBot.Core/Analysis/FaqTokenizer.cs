using System.Buffers;
using System.Globalization;
using System.Text;

namespace IvigBot.Analysis;

/// <summary>
/// Splits text into word tokens the way the index's own tokenizer does — SQLite FTS5's
/// <c>unicode61 remove_diacritics 2</c> — so that the tokens we score and the tokens FTS5 indexes are the same:
/// <list type="bullet">
/// <item>a word is a run of letters, numbers (digits of every script, "²", "½", "Ⅻ") and private-use characters;
/// everything else separates words;</item>
/// <item>letters are case-folded ("ΟΔΟΣ" → "οδοσ", final "ς" → "σ", "ſ" → "s", full-width "Ａ" → "ａ");</item>
/// <item>a Latin letter written with diacritics becomes its basic letter ("Guillain-Barré" → "guillain barre",
/// "Dvořák" → "dvorak", "việt" → "viet", "İstanbul" → "istanbul"), and the combining diacritics those letters are
/// made of are dropped inside a word ("Barre\u0301" → "barre"); letters that are not written with a basic Latin
/// letter keep their marks, as in FTS5 ("ø", "ł", "ı", Greek "ά", Cyrillic "й", kana "が").</item>
/// </list>
/// On top of FTS5, an apostrophe (also ’ ‘ ʼ ` ´) never splits a word: "can't" → "cant", "patient's" → "patients".
/// Our tokens are therefore always FTS5's own tokens, so the index and the queries agree.
/// </summary>
/// <remarks>
/// <para>SQLite 3.35.5 (the one SQLitePCLRaw.bundle_e_sqlite3 2.0.6 ships) builds FTS5's tables from Unicode 6.1;
/// .NET knows a newer Unicode. Where the two differ for letters and numbers we follow FTS5: case pairs Unicode added
/// later are not folded (<see cref="CasePairsNewerThanFts5"/>), and a few letters that were spacing marks in
/// Unicode 6.1 separate words (<see cref="LettersThatWereMarks"/>). FTS5 also counts every code point its tables do
/// not know as a word character — symbols, punctuation and marks added since 6.1, such as "🤒" or "₺", and
/// unassigned code points; here they separate words, as their category says. That never makes the index and FTS5
/// disagree: a separator never reaches FTS5 inside a token. Outside the BMP, .NET's letters and numbers are FTS5's,
/// and FTS5 folds only Deseret capitals.</para>
/// <para>tests/IvigBot.Core.Tests/Analysis/FaqTokenizerFts5Tests.cs checks all of this against FTS5 itself, for
/// every letter and number of the BMP.</para>
/// </remarks>
public static class FaqTokenizer
{
    /// <summary>In <see cref="Folds"/>: the character separates words.</summary>
    private const char Separator = '\0';

    /// <summary>In <see cref="Folds"/>: the character is left out and does not split the word (diacritics, apostrophes).</summary>
    private const char Dropped = '\uFFFF';

    /// <summary>Inputs up to this length tokenize in a stack buffer; longer ones rent one.</summary>
    private const int StackBufferLength = 256;

    /// <summary>
    /// The basic letter FTS5's <c>remove_diacritics 2</c> turns each of U+00C0–U+024F into, '.' where it keeps the letter:
    /// the first letter of the canonical decomposition (Unicode Character Database) when the rest are non-spacing marks,
    /// except "ǡ" / "Ǡ", which FTS5 keeps, and "ſ", which FTS5's case folding makes "s". A table, because .NET cannot
    /// decompose here: with InvariantGlobalization, <c>string.Normalize(NormalizationForm.FormD)</c> leaves "é" as it is.
    /// </summary>
    private const string LatinBases =
        "aaaaaa.ceeeeiiii" + // U+00C0
        ".nooooo..uuuuy.." + // U+00D0
        "aaaaaa.ceeeeiiii" + // U+00E0
        ".nooooo..uuuuy.y" + // U+00F0
        "aaaaaaccccccccdd" + // U+0100
        "..eeeeeeeeeegggg" + // U+0110
        "gggghh..iiiiiiii" + // U+0120
        "i...jjkk.llllll." + // U+0130
        "...nnnnnn...oooo" + // U+0140
        "oo..rrrrrrssssss" + // U+0150
        "sstttt..uuuuuuuu" + // U+0160
        "uuuuwwyyyzzzzzzs" + // U+0170
        "................" + // U+0180
        "................" + // U+0190
        "oo.............u" + // U+01A0
        "u..............." + // U+01B0
        ".............aai" + // U+01C0
        "ioouuuuuuuuuu.aa" + // U+01D0
        "......ggkkoooo.." + // U+01E0
        "j...gg..nnaa...." + // U+01F0
        "aaaaeeeeiiiioooo" + // U+0200
        "rrrruuuusstt..hh" + // U+0210
        "......aaeeoooooo" + // U+0220
        "ooyy............" + // U+0230
        "................"; // U+0240

    /// <summary>The same for Latin Extended Additional, U+1E00–U+1EFF (Vietnamese and others).</summary>
    private const string LatinExtendedAdditionalBases =
        "aabbbbbbccdddddd" + // U+1E00
        "ddddeeeeeeeeeeff" + // U+1E10
        "gghhhhhhhhhhiiii" + // U+1E20
        "kkkkkkllllllllmm" + // U+1E30
        "mmmmnnnnnnnnoooo" + // U+1E40
        "oooopppprrrrrrrr" + // U+1E50
        "sssssssssstttttt" + // U+1E60
        "ttuuuuuuuuuuvvvv" + // U+1E70
        "wwwwwwwwwwxxxxyy" + // U+1E80
        "zzzzzzhtwy......" + // U+1E90
        "aaaaaaaaaaaaaaaa" + // U+1EA0
        "aaaaaaaaeeeeeeee" + // U+1EB0
        "eeeeeeeeiiiioooo" + // U+1EC0
        "oooooooooooooooo" + // U+1ED0
        "oooouuuuuuuuuuuu" + // U+1EE0
        "uuyyyyyyyy......"; // U+1EF0

    /// <summary>
    /// The combining diacritics the letters above are decomposed into (grave, acute, circumflex, tilde, macron,
    /// breve, dot, diaeresis, hook, ring, double acute, caron, double grave, inverted breve, horn, and below: dot,
    /// diaeresis, ring, comma, cedilla, ogonek, circumflex, breve, tilde, macron). FTS5 drops them inside a word.
    /// </summary>
    private const string Diacritics =
        "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u0309\u030A\u030B\u030C\u030F\u0311\u031B" +
        "\u0323\u0324\u0325\u0326\u0327\u0328\u032D\u032E\u0330\u0331";

    /// <summary>Apostrophes, straight and typographic, and the accents people type for one.</summary>
    private const string Apostrophes = "'\u2018\u2019\u02BC`\u00B4";

    /// <summary>
    /// Case pairs Unicode added after 6.1 (Greek yot, Cyrillic Supplement and Extended-B/C additions, Cherokee,
    /// Georgian Mtavruli, Glagolitic, Latin Extended-D): FTS5's fold table does not know them and leaves them as
    /// written. First and last character of each range.
    /// </summary>
    private const string CasePairsNewerThanFts5 =
        "\u037F\u037F\u0528\u052F\u13A0\u13FF\u1C80\u1CBF\u2C2F\u2C2F\uA698\uA69B\uA796\uA79F\uA7AB\uA7FF";

    /// <summary>
    /// New Tai Lue vowel signs and tone marks and two Vedic signs: letters today, spacing marks in Unicode 6.1,
    /// so FTS5 splits words at them. First and last character of each range.
    /// </summary>
    private const string LettersThatWereMarks = "\u19B0\u19C0\u19C8\u19C9\u1CF2\u1CF3";

    /// <summary>The categories unicode61 makes words of: its default <c>categories 'L* N* Co'</c>, as bits.</summary>
    private const int WordCategories =
        1 << (int)UnicodeCategory.UppercaseLetter | 1 << (int)UnicodeCategory.LowercaseLetter
        | 1 << (int)UnicodeCategory.TitlecaseLetter | 1 << (int)UnicodeCategory.ModifierLetter
        | 1 << (int)UnicodeCategory.OtherLetter | 1 << (int)UnicodeCategory.DecimalDigitNumber
        | 1 << (int)UnicodeCategory.LetterNumber | 1 << (int)UnicodeCategory.OtherNumber
        | 1 << (int)UnicodeCategory.PrivateUse;

    /// <summary>For every BMP character: its folded form in a token, <see cref="Separator"/> or <see cref="Dropped"/> (128 KB, built once).</summary>
    private static readonly char[] Folds = BuildFolds();

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
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var folds = Folds;
        char[]? rented = null;

        // Folding never lengthens the text, so a token fits in a buffer as long as the input.
        Span<char> buffer = text.Length <= StackBufferLength
            ? stackalloc char[StackBufferLength]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                char folded;
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    var codePoint = char.ConvertToUtf32(c, text[++i]);
                    if (IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(codePoint)))
                    {
                        // Outside the BMP, FTS5 folds only Deseret capitals.
                        if (codePoint is >= 0x10400 and <= 0x10427)
                        {
                            codePoint += 40;
                        }

                        length += new Rune(codePoint).EncodeToUtf16(buffer[length..]);
                        continue;
                    }

                    folded = Separator;
                }
                else
                {
                    folded = folds[c];
                }

                if (folded == Dropped)
                {
                    continue;
                }

                if (folded != Separator)
                {
                    buffer[length++] = folded;
                }
                else if (length > 0)
                {
                    tokens.Add(new string(buffer[..length]));
                    length = 0;
                }
            }

            if (length > 0)
            {
                tokens.Add(new string(buffer[..length]));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        return tokens;
    }

    /// <summary>Builds <see cref="Folds"/> from .NET's Unicode data and the FTS5 differences above: about 2.5 ms, once.</summary>
    private static char[] BuildFolds()
    {
        var folds = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (!IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(c)))
            {
                continue;
            }

            // Lower-casing the upper case is simple case folding: "ς" → "σ", "µ" → "μ", "ϑ" → "θ", "ẞ" → "ß".
            var folded = char.ToLowerInvariant(char.ToUpperInvariant(c));
            var basic = folded switch
            {
                >= '\u00C0' and <= '\u024F' => LatinBases[folded - '\u00C0'],
                >= '\u1E00' and <= '\u1EFF' => LatinExtendedAdditionalBases[folded - '\u1E00'],
                _ => '.',
            };
            folds[i] = basic == '.' ? folded : basic;
        }

        for (var r = 0; r < CasePairsNewerThanFts5.Length; r += 2)
        {
            for (int c = CasePairsNewerThanFts5[r]; c <= CasePairsNewerThanFts5[r + 1]; c++)
            {
                folds[c] = folds[c] == Separator ? Separator : (char)c;
            }
        }

        for (var r = 0; r < LettersThatWereMarks.Length; r += 2)
        {
            for (int c = LettersThatWereMarks[r]; c <= LettersThatWereMarks[r + 1]; c++)
            {
                folds[c] = Separator;
            }
        }

        foreach (var c in Diacritics)
        {
            folds[c] = Dropped;
        }

        foreach (var c in Apostrophes)
        {
            folds[c] = Dropped;
        }

        return folds;
    }

    private static bool IsWordCategory(UnicodeCategory category) => ((1 << (int)category) & WordCategories) != 0;
}
