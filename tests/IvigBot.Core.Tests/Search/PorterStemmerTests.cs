using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;

namespace IvigBot.Core.Tests.Search;

public class PorterStemmerTests
{
    /// <summary>
    /// The proof: FTS5 itself, with the index's tokenize string, stores exactly <see cref="PorterStemmer.Stem(string)"/>
    /// for every English word, every token of the shipped FAQ (and its synonym group tokens) and the edge cases.
    /// </summary>
    [Fact]
    public void Stems_every_word_exactly_as_FTS5_stores_it()
    {
        var words = WordsToCheck();
        var stored = Fts5Reference.Terms(words, Fts5RowIndex.Tokenizer);

        var mismatches = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var ours = PorterStemmer.Stem(words[i]);
            var fts5 = stored[i];
            if (fts5.Count != 1 || fts5[0] != ours)
            {
                mismatches.Add($"{words[i]}: ours '{ours}', FTS5 '{string.Join("' '", fts5)}'");
            }
        }

        Assert.True(words.Count > 80_000, $"only {words.Count} words checked");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {words.Count} words differ from FTS5:\n" + string.Join('\n', mismatches.Take(20)));
    }

    // Expected values are what FTS5 (SQLite 3.35.5, 'porter unicode61 remove_diacritics 2') stores for each word.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("digitizer", "digit")]
    [InlineData("vietnamization", "vietnam")]
    [InlineData("operator", "oper")]
    [InlineData("feudalism", "feudal")]
    [InlineData("decisiveness", "decis")]
    [InlineData("hopefulness", "hope")]
    [InlineData("callousness", "callous")]
    [InlineData("sensibiliti", "sensibl")]
    [InlineData("triplicate", "triplic")]
    [InlineData("formative", "form")]
    [InlineData("formalize", "formal")]
    [InlineData("electrical", "electr")]
    [InlineData("goodness", "good")]
    [InlineData("revival", "reviv")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("airliner", "airlin")]
    [InlineData("gyroscopic", "gyroscop")]
    [InlineData("adjustable", "adjust")]
    [InlineData("defensible", "defens")]
    [InlineData("irritant", "irrit")]
    [InlineData("replacement", "replac")]
    [InlineData("dependent", "depend")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("activate", "activ")]
    [InlineData("homologous", "homolog")]
    [InlineData("effective", "effect")]
    [InlineData("bowdlerize", "bowdler")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controll", "control")]
    [InlineData("roll", "roll")]
    [InlineData("generalization", "gener")]
    [InlineData("immunoglobulins", "immunoglobulin")]
    [InlineData("infusions", "infus")]
    [InlineData("ies", "ie")]        // 3 bytes: stemmed; "-ies" needs a fourth letter to lose "es"
    [InlineData("eed", "e")]         // "-eed" needs a longer word, so "-ed" goes after the vowel e
    [InlineData("aing", "a")]
    [InlineData("is", "is")]         // under 3 bytes: stored as it is
    [InlineData("1990s", "1990")]    // digits are consonants
    [InlineData("covid19", "covid19")]
    [InlineData("syngroup12", "syngroup12")]
    [InlineData("ßs", "ß")]          // two letters but three UTF-8 bytes: stemmed
    [InlineData("straße", "straß")]
    [InlineData("a\u3041ed", "a\uFFFD")] // FTS5 undoubles the last byte of ぁ (E3 81 81), leaving invalid UTF-8
    public void Stems_classic_and_edge_words_as_FTS5_does(string word, string expected)
    {
        Assert.Equal(expected, PorterStemmer.Stem(word));

        Span<char> destination = stackalloc char[word.Length];
        var length = PorterStemmer.Stem(word.AsSpan(), destination);
        Assert.Equal(expected, destination[..length].ToString());
    }

    [Theory]
    [InlineData("ivig")]
    [InlineData("covid19")]
    [InlineData("is")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaing")]
    public void Returns_the_token_itself_when_nothing_changes(string word)
    {
        Assert.Same(word, PorterStemmer.Stem(word));
    }

    /// <summary>
    /// Distinct tokens as the index writes them (FaqTokenizer output, which FTS5's unicode61 leaves as it is): the
    /// English word list, the shipped FAQ, every 1–3 letter word, digits, tokens around the 64-byte limit and
    /// non-ASCII letters.
    /// </summary>
    private static List<string> WordsToCheck()
    {
        var words = new HashSet<string>(EnglishWords.All, StringComparer.Ordinal);

        var content = FaqContentLoader.Load(RepoPaths.Faq);
        foreach (var document in content.Documents)
        {
            words.UnionWith(FaqTokenizer.Tokenize(document.Question));
            words.UnionWith(FaqTokenizer.Tokenize(document.Answer));
            foreach (var alternate in document.Alternates)
            {
                words.UnionWith(FaqTokenizer.Tokenize(alternate));
            }
        }

        for (var group = 0; group < content.Synonyms.Groups.Count; group++)
        {
            words.Add(SynonymMap.GroupToken(group));
            foreach (var phrase in content.Synonyms.Groups[group])
            {
                words.UnionWith(phrase);
            }
        }

        const string letters = "abcdefghijklmnopqrstuvwxyz";
        foreach (var a in letters)
        {
            words.Add($"{a}");
            foreach (var b in letters)
            {
                words.Add($"{a}{b}");
                foreach (var c in letters)
                {
                    words.Add($"{a}{b}{c}");
                }
            }
        }

        string[] edges =
        [
            "0", "1", "12", "123", "1st", "2nd", "3rd", "4th", "50s", "1990s", "10mg", "covid19", "covid", "h1n1", "igg4",
            "b12", "ivig", "scig", "igiv", "syngroup12", "x2s", "0ed", "a1ing", "y1ed", "ayed", "yying", "sayed", "ying",
            "straße", "Straßen", "naïve", "Sjögren's", "Guillain-Barré", "ßs", "ßa", "ßßed", "aßßed", "ελληνικά",
            "ανοσοσφαιρίνη", "να", "ω", "привет", "лечение", "иммуноглобулин", "жs", "a\u3041ed", "a\u3041\u3041ing",
        ];
        words.UnionWith(FaqTokenizer.Tokenize(string.Join(' ', edges)));

        // Around FTS5's 64-byte limit, in ASCII and in two-byte letters (where the char count stays far below 64).
        for (var bytes = 60; bytes <= 68; bytes++)
        {
            words.Add(new string('a', bytes - 3) + "ing");
            words.Add(new string('o', bytes - 7) + "ational");
            var twoByte = (bytes - 4) / 2;
            words.Add("a" + new string('ж', twoByte) + "ing" + (bytes % 2 == 0 ? "" : "s"));
        }

        return [.. words.Order(StringComparer.Ordinal)];
    }
}
