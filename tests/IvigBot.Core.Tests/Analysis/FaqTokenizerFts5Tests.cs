using System.Globalization;
using System.Text;
using IvigBot.Analysis;
using IvigBot.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace IvigBot.Core.Tests.Analysis;

/// <summary>
/// <see cref="FaqTokenizer"/> makes the tokens FTS5's <c>unicode61 remove_diacritics 2</c> makes (the index's tokenizer),
/// checked against FTS5 itself: same word boundaries, same case folding, same diacritics removed. Two documented
/// differences: apostrophes never split a word here, and characters FTS5 counts as word characters only because its
/// Unicode 6.1 tables do not know them (symbols, punctuation, marks added since, unassigned code points) separate words here.
/// </summary>
public class FaqTokenizerFts5Tests(ITestOutputHelper output)
{
    private const string Apostrophes = "'\u2018\u2019\u02BC`\u00B4";

    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["ascii"] = "What is IVIG? Guillain-Barre syndrome (GBS), CIDP & MMN: 2 g/kg over 2-5 days; IgG 10%.",
        ["latin-1"] = "Guillain-Barré Sjögren ÆRØ Ærø Ångström façade naïve crème brûlée ŒUVRE Ñandú Þór ðý ÿ ØSTER øster",
        ["latin extended-a"] = "Dvořák DVOŘÁK Škoda Łódź Kraków Gdańsk Žižkov Ďábel Ťĕšťė Ŋŋ ŉ Ĳĳ ĸ ſ Ŀŀ Ħħ Đđ Ğğ Ŧŧ ı",
        ["latin extended-b"] = "Ǆ ǅ ǆ Ǉ ǈ Ǎǎ Ǖǖ Ǘǘ Ǟǟ Ǡǡ Ǻǻ Șș Țț ƒ Ơơ Ưư ȴ ɂ Ȁȁ Ȫȫ Ǭǭ ǰ Ƀ ɇ ǝ Ǳ ǲ",
        ["vietnamese"] = "Tiếng Việt có dấu: Hà Nội, Thành phố Hồ Chí Minh, Đà Nẵng, người Việt, ỹ ỷ ự ữ ằ ẵ",
        ["latin extended additional"] = "Ḁḁ Ḃḃ Ḉḉ Ḝḝ Ṩṩ ẛ ẞ ẚ ẖẗẘẙ Ỻỻ Ỽ",
        ["turkish"] = "İstanbul İSTANBUL IĞDIR ığdır Şişli ŞİŞLİ ıi İi",
        ["german"] = "Straße STRASSE ẞ GRÖẞE Größe Fußgänger",
        ["greek"] = "ΟΔΥΣΣΕΥΣ Ὀδυσσεύς άέήίόύώ ΐΰ Άθήνα ΆΈΉΊΌΎΏ σοφός ς Σ ϐ ϑ ϕ ϖ ϰ ϱ ϵ ϴ µ ᾳ ᾼ ῳ Ϳ ϳ",
        ["cyrillic"] = "Москва ЁЛКА ёлка Йод й Україна Їжак ґ Ґ Ѓ Ќ Ў Ѐ Ѝ ӓ Ӛ Ԁ ԁ",
        ["armenian and georgian"] = "Հայաստան ՀԱՅԱՍՏԱՆ և ქართული Ⴀ ⴀ Ა",
        ["combining marks"] = "Barre\u0301 Dvor\u030Cak Sjo\u0308gren a\u0323\u0302 e\u0328 n\u0303 x\u0483y а\u0301 \u0301alone q\u0305r s\u0346t",
        ["ligatures"] = "ﬁnance ﬂu ﬀ ﬃ ﬆ Œ œ Æ æ Ĳ ĳ ǲ ﬓ",
        ["full-width"] = "ＡＢＣ ａｂｃ １２３ ＩＶＩＧ ｶﾞﾝ",
        ["digits of other scripts"] = "٠١٢٣ ۴۵۶ ०१२ ০১২ ๑๒๓ ၁၂၃ ߀߁ 𝟘𝟙𝟚 𝟎",
        ["numbers"] = "10² x³ ½ ¾ ⅓ Ⅻ ⅻ ① ⑳ ⁴ ₂ 〇 Ⅷ ¹²³ 𐄇",
        ["punctuation and symbols"] =
            "fever, chills; headache! (IVIG) [2024] {x} a-b a_b a/b a.b a:b €5 $5 £5 ¥5 °C ±2 ×3 ÷ © ® ™ § ¶ • … — – « » „ “ ” ¿ ¡ @ # % & * + = < > | ~ ^ \\",
        ["emoji known to fts5"] = "fever 😷 💉 💊 ❤ ✅ 👍 ⭐ ☺ 😀 ok",
        ["cjk, kana and hangul"] = "免疫球蛋白 静脈注射 がん ガン ｶﾞﾝ 한국어 주사 ㄱ ㅏ",
        ["outside the bmp"] = "𝐀𝐁𝐂 𝔸𝕓 𐐀𐐁𐐨 𐐩 𠀀𠀁 𐌰𐌱",
        ["private use"] = "\uE000abc\uF8FF \uE123",
        ["letters newer than fts5's tables"] = "Ꭰ ꭰ Ᏸ ᏸ Ა ა ᲀ Ϳ Ꞵ ꞵ Ꞷ ᦰ ᦱ ꟶ Ꟶ Ԩ ԩ Ⰿ ⱟ",
        ["format and zero-width"] = "a\u200Bb c\u200Dd e\u00ADf g\u2060h i\uFEFFj",
        ["whitespace"] = "  \t\n\r\u00A0\u2003\u3000 ",
        ["odd code units"] = "a\u0000b c\uFFFDd e\uD800f g\uDC00h \uFFFE \uFFFF",
        ["longer than the stack buffer"] = string.Concat(Enumerable.Repeat("Dvořák Škoda İstanbul việt 𝐀𝐁 ", 30)),
        ["empty"] = "",
    };

    public static TheoryData<string> SampleNames => [.. Samples.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void TokenizeRaw_gives_the_tokens_fts5_stores(string sample)
    {
        var text = Samples[sample];

        var expected = Fts5Reference.Tokenize(text);

        Assert.Equal(expected, FaqTokenizer.TokenizeRaw(text));
    }

    [Theory]
    [InlineData("I can't breathe", "i cant breathe", "i can t breathe")]
    [InlineData("it doesn\u2019t work", "it doesnt work", "it doesn t work")]
    [InlineData("my patient\u2018s arm", "my patients arm", "my patient s arm")]
    [InlineData("it doesn\u02BCt", "it doesnt", "it doesn\u02BCt")]
    [InlineData("rock`n`roll", "rocknroll", "rock n roll")]
    [InlineData("can\u00B4t", "cant", "can t")]
    [InlineData("'quoted' and dogs' toys", "quoted and dogs toys", "quoted and dogs toys")]
    public void Apostrophes_never_split_a_word_where_fts5_splits(string text, string ours, string fts5)
    {
        Assert.Equal(fts5, string.Join(' ', Fts5Reference.Tokenize(text)));
        Assert.Equal(ours, string.Join(' ', FaqTokenizer.TokenizeRaw(text)));
        Assert.Equal(ours, string.Join(' ', Fts5Reference.Tokenize(WithoutApostrophes(text))));
    }

    [Theory]
    [InlineData("fever \U0001F912 again", "fever again", "fever \U0001F912 again")] // FACE WITH THERMOMETER, Unicode 8
    [InlineData("\U0001F321 38.5", "38 5", "\U0001F321 38 5")] // THERMOMETER, Unicode 7
    [InlineData("cost \u20BA5", "cost 5", "cost \u20BA5")] // TURKISH LIRA SIGN, Unicode 6.2
    [InlineData("a\u2066b", "a b", "a\u2066b")] // LEFT-TO-RIGHT ISOLATE, Unicode 6.3
    [InlineData("x\u0378y", "x y", "x\u0378y")] // unassigned
    public void Characters_newer_than_fts5s_tables_separate_words(string text, string ours, string fts5)
    {
        Assert.Equal(fts5, string.Join(' ', Fts5Reference.Tokenize(text)));
        Assert.Equal(ours, string.Join(' ', FaqTokenizer.TokenizeRaw(text)));
    }

    [Fact]
    public void The_shipped_faq_tokenizes_as_fts5_does_apart_from_apostrophes()
    {
        var lines = new List<(string Where, string Text)>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Faq, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var where = Path.GetRelativePath(RepoPaths.Root, file);
            var fileLines = File.ReadAllLines(file);
            for (var i = 0; i < fileLines.Length; i++)
            {
                lines.Add(($"{where}:{i + 1}", fileLines[i]));
            }
        }

        var expected = Fts5Reference.Tokenize(lines.Select(l => WithoutApostrophes(l.Text)).ToList());
        var differences = new List<string>();
        var tokens = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var actual = FaqTokenizer.TokenizeRaw(lines[i].Text);
            tokens += actual.Count;
            if (!actual.SequenceEqual(expected[i], StringComparer.Ordinal))
            {
                differences.Add($"{lines[i].Where}: ours [{string.Join(' ', actual)}], FTS5 [{string.Join(' ', expected[i])}]");
            }
        }

        output.WriteLine($"{lines.Count} lines, {tokens} tokens, {differences.Count} lines differ");
        Assert.True(lines.Count > 100 && tokens > 5000, $"Expected the shipped FAQ, found {lines.Count} lines, {tokens} tokens.");
        Assert.True(differences.Count == 0, string.Join('\n', differences.Take(20)));
    }

    /// <summary>
    /// Letters and numbers (and private use) alone: what we keep of them and what FTS5 keeps. Every one of the BMP, and of
    /// plane 1 (historic scripts, mathematical letters and digits, Deseret, Adlam...), where .NET knows far more than FTS5.
    /// </summary>
    [Fact]
    public void Every_letter_and_number_of_the_bmp_and_plane_1_alone_is_the_token_fts5_makes_of_it()
    {
        // U+02BC MODIFIER LETTER APOSTROPHE is a letter to FTS5 and an apostrophe to us ("doesnʼt" → "doesnt").
        string[] knownExceptions = ["U+02BC"];
        var codePoints = new List<int>();
        for (var codePoint = 0; codePoint <= 0x1FFFF; codePoint++)
        {
            if (codePoint is < 0xD800 or > 0xDFFF && IsLetterNumberOrPrivateUse(CharUnicodeInfo.GetUnicodeCategory(codePoint)))
            {
                codePoints.Add(codePoint);
            }
        }

        var expected = Fts5Reference.Tokenize(codePoints.Select(char.ConvertFromUtf32).ToList());
        var differences = new List<string>();
        var bmpDifferences = 0;
        for (var i = 0; i < codePoints.Count; i++)
        {
            var actual = FaqTokenizer.TokenizeRaw(char.ConvertFromUtf32(codePoints[i]));
            if (!actual.SequenceEqual(expected[i], StringComparer.Ordinal))
            {
                differences.Add(Describe(codePoints[i], actual, expected[i]));
                bmpDifferences += codePoints[i] <= char.MaxValue ? 1 : 0;
            }
        }

        var bmp = codePoints.Count(c => c <= char.MaxValue);
        output.WriteLine($"{bmp - bmpDifferences} of {bmp} BMP letters, numbers and private-use characters agree with FTS5");
        output.WriteLine($"{codePoints.Count - bmp - (differences.Count - bmpDifferences)} of {codePoints.Count - bmp} in plane 1 agree");
        foreach (var difference in differences.Take(50))
        {
            output.WriteLine(difference);
        }

        Assert.True(
            differences.Select(d => d[..d.IndexOf(' ', StringComparison.Ordinal)]).SequenceEqual(knownExceptions),
            $"{differences.Count} differ:\n{string.Join('\n', differences.Take(20))}");
    }

    /// <summary>
    /// Every other BMP character inside a word ("x" + c + "x"): FTS5 drops the diacritics, splits at separators;
    /// the only differences allowed are apostrophes and characters FTS5's Unicode 6.1 tables do not know.
    /// </summary>
    [Fact]
    public void Every_other_bmp_character_inside_a_word_is_dropped_or_separates_as_in_fts5()
    {
        var characters = new List<char>();
        for (var i = 1; i <= char.MaxValue; i++)
        {
            if (!IsLetterNumberOrPrivateUse(CharUnicodeInfo.GetUnicodeCategory((char)i)))
            {
                characters.Add((char)i);
            }
        }

        var expected = Fts5Reference.Tokenize(characters.Select(c => $"x{c}x").ToList());
        int dropped = 0, apostrophes = 0, newerThanFts5 = 0;
        var differences = new List<string>();
        for (var i = 0; i < characters.Count; i++)
        {
            var c = characters[i];
            var actual = FaqTokenizer.TokenizeRaw($"x{c}x");
            if (actual.SequenceEqual(expected[i], StringComparer.Ordinal))
            {
                dropped += actual.Count == 1 ? 1 : 0;
            }
            else if (Apostrophes.Contains(c, StringComparison.Ordinal) && actual is ["xx"])
            {
                apostrophes++;
            }
            else if (expected[i] is [var joined] && joined == $"x{c}x" && actual is ["x", "x"])
            {
                newerThanFts5++;
            }
            else
            {
                differences.Add(Describe(c, actual, expected[i]));
            }
        }

        output.WriteLine(
            $"{characters.Count} other BMP characters: {characters.Count - apostrophes - newerThanFts5} agree with FTS5 " +
            $"({dropped} dropped inside a word, the rest separate words); {apostrophes} apostrophes join the word here; " +
            $"{newerThanFts5} are word characters to FTS5 only because its Unicode 6.1 tables do not know them");
        Assert.True(differences.Count == 0, $"{differences.Count} differ:\n{string.Join('\n', differences.Take(20))}");
        Assert.Equal(25, dropped);
        Assert.Equal(Apostrophes.Length - 1, apostrophes); // U+02BC is a letter: see the test above
    }

    private static bool IsLetterNumberOrPrivateUse(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    private static string WithoutApostrophes(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!Apostrophes.Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Describe(int codePoint, List<string> ours, List<string> fts5) =>
        $"U+{codePoint:X4} {CharUnicodeInfo.GetUnicodeCategory(codePoint)}: ours [{Hex(ours)}], FTS5 [{Hex(fts5)}]";

    private static string Hex(List<string> tokens) =>
        string.Join(' ', tokens.Select(t => string.Join('.', t.EnumerateRunes().Select(r => r.Value.ToString("X4", CultureInfo.InvariantCulture)))));
}
