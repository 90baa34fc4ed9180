using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Core.Tests.Analysis;

/// <summary>The analysis chain stage by stage: text in, terms out, for each field the chain serves.</summary>
public class FaqAnalyzerTests
{
    private static readonly FaqAnalyzer WithSynonyms = new(SynonymMap.Parse("synonyms.txt", """
        ivig = intravenous immunoglobulin = igiv
        mg = myasthenia gravis
        kidney = renal
        er = a&e = accident and emergency
        """, new List<ContentProblem>()));

    private static string Terms(string field, string text) => string.Join(' ', WithSynonyms.Tokens(field, text));

    [Theory]
    [InlineData("What is IVIG?", "what is ivig")]                           // StandardTokenizer + LowerCaseFilter
    [InlineData("fever,chills;headache", "fever chills headache")]
    [InlineData("IVIG 2024 (10%)", "ivig 2024 10")]
    [InlineData("  \t\n ", "")]
    [InlineData("Guillain-Barré", "guillain barre")]                        // ASCIIFoldingFilter
    [InlineData("Sjögren", "sjogren")]
    [InlineData("What is I.V.I.G.?", "what is ivig")]                       // AcronymFilter
    [InlineData("I can't breathe", "i cant breathe")]                       // InnerApostropheFilter
    [InlineData("it doesn\u2019t work", "it doesnt work")]
    [InlineData("my patient's infusion", "my patients infusion")]
    public void Raw_words_are_tokenized_lowercased_folded_and_lose_inner_apostrophes(string text, string expected)
    {
        Assert.Equal(expected, Terms(FaqAnalyzer.RawWords, text));
        Assert.Equal(expected, string.Join(' ', FaqAnalyzer.RawWordsOf(text)));
    }

    [Theory]
    [InlineData("I can't breathe", "i not breathe")]                        // NegationFilter
    [InlineData("it doesn\u2019t work", "it not work")]
    [InlineData("never again", "not again")]
    [InlineData("I don't have chest pain", "i not have chest pain")]
    [InlineData("now note knot no", "now note knot no")]
    [InlineData("Guillain-Barré", "guillain barre")]
    public void Words_have_every_negation_as_not(string text, string expected)
    {
        Assert.Equal(expected, Terms(FaqAnalyzer.Words, text));
        Assert.Equal(expected, string.Join(' ', FaqAnalyzer.WordsOf(text)));
    }

    [Theory]
    [InlineData("infusions running", "infus run")]                          // PorterStemFilter
    [InlineData("kidneys", "kidnei")]
    [InlineData("What if IVIG doesn't work?", "what if ivig not work")]
    [InlineData("myasthenia gravis", "myasthenia gravi")]                   // no synonyms in this field
    public void Stems_are_the_words_porter_stemmed_without_synonyms(string text, string expected)
    {
        Assert.Equal(expected, Terms(FaqAnalyzer.Stems, text));
    }

    [Theory]
    [InlineData("Kidneys", "kidnei syngroup2")]                             // SynonymFilter, on stems: plural finds the group
    [InlineData("renal failure", "renal syngroup2 failur")]
    [InlineData("myasthenia gravis and MG", "myasthenia syngroup1 gravi mg syngroup1")]
    [InlineData("intravenous immunoglobulin", "intraven syngroup0 immunoglobulin")]
    [InlineData("immunoglobulin alone", "immunoglobulin alon")]             // only a whole phrase counts
    public void Text_adds_the_group_token_of_every_synonym_phrase_and_keeps_the_words(string text, string expected)
    {
        Assert.Equal(expected, Terms(FaqAnalyzer.Text, text));
    }

    [Theory]
    [InlineData("How do kidneys cope?", "kidnei syngroup2 cope")]               // StopFilter: question words dropped
    [InlineData("What should I do if it doesn't work?", "not work")]
    [InlineData("Tell me about the side effects", "side effect")]
    [InlineData("accident and emergency", "accid syngroup3 emerg")]             // a group phrase as answer text holds it
    public void Text_drops_question_words_before_stemming(string text, string expected)
    {
        Assert.Equal(expected, Terms(FaqAnalyzer.Text, text));
    }

    [Theory]
    [InlineData("How do kidneys cope?", "how do kidnei syngroup2 cope")]        // no StopFilter: question words kept
    [InlineData("What should I do if it doesn't work?", "what should i do if it not work")]
    [InlineData("accident and emergency", "accid syngroup3 and emerg")]
    [InlineData("a&e", "a syngroup3 e")]
    public void Question_keeps_question_words(string text, string expected)
    {
        Assert.Equal(expected, Terms(FaqAnalyzer.Question, text));
    }

    [Fact]
    public void Without_synonyms_the_text_field_is_the_stems()
    {
        Assert.Equal("kidnei failur", string.Join(' ', new FaqAnalyzer().Tokens(FaqAnalyzer.Text, "kidneys failure")));
    }

    [Fact]
    public void Each_field_keeps_its_own_chain_on_the_same_thread()
    {
        // Lucene reuses a thread's chain; per field, so a stemmed field never leaks into the words.
        Assert.Equal("kidnei", Terms(FaqAnalyzer.Stems, "kidneys"));
        Assert.Equal("kidneys", Terms(FaqAnalyzer.Words, "kidneys"));
        Assert.Equal("kidnei syngroup2", Terms(FaqAnalyzer.Text, "kidneys"));
        Assert.Equal("kidneys", Terms(FaqAnalyzer.RawWords, "kidneys"));
    }
}
