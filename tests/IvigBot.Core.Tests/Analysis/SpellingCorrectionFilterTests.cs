using IvigBot.Analysis;
using IvigBot.Content;
using SynonymFilter = Lucene.Net.Analysis.Synonym.SynonymFilter;
using Lucene.Net.Analysis.TokenAttributes;

namespace IvigBot.Core.Tests.Analysis;

/// <summary>
/// The spelling correction stage of the chain: a question's text in, its corrected words out, as they reach the end of
/// the question chain in each token's <see cref="IWordAttribute"/>, and the terms that chain makes of them.
/// </summary>
public class SpellingCorrectionFilterTests
{
    private static readonly SynonymMap Synonyms = SynonymMap.Parse("synonyms.txt", """
        gbs = guillain barre syndrome = guillain barre
        kidney = renal
        """, new List<ContentProblem>());

    private static readonly FaqAnalyzer Analyzer = new(
        Synonyms,
        new SpellingCorrector(new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["immunoglobulin"] = 20, ["kawasaki"] = 3, ["ivig"] = 50, ["iv"] = 10, ["pain"] = 8, ["infusion"] = 30,
            ["headache"] = 6, ["guillain"] = 3, ["barre"] = 3, ["syndrome"] = 3, ["kidney"] = 2, ["renal"] = 1,
        }));

    [Theory]
    [InlineData("kawasacki headahce", "kawasaki headache")]                 // unknown words: nearest known word
    [InlineData("Immunoglobin infussion", "immunoglobulin infusion")]
    [InlineData("ivg", "ivig")]                                             // a short word misses a letter: not "iv"
    [InlineData("plain", "plain")]                                          // a real English word is left alone
    [InlineData("what is the ivig", "what is the ivig")]                    // known words and question words stay
    [InlineData("xq 2024 zzzzzzzzzz", "xq 2024 zzzzzzzzzz")]                // too short, a number, too far
    [InlineData("guillan bare", "guillain barre")]                          // corrected word, then a phrase's next word
    [InlineData("ivig guillain bare", "ivig guillain barre")]
    [InlineData("guillain barr syndrome", "guillain barre syndrome")]
    [InlineData("guillain barre sindrome", "guillain barre syndrome")]
    [InlineData("guillain bears", "guillain bears")]                        // two edits off the phrase's word
    [InlineData("bare guillain", "bare guillain")]                          // no phrase before it
    [InlineData("gbs bare", "gbs bare")]                                    // a phrase of one word continues nowhere
    [InlineData("guillain. Later bare", "guillain later bare")]             // the phrase was interrupted
    public void Question_words_are_corrected_against_the_index_and_synonym_phrases(string text, string expected)
    {
        Assert.Equal(expected, WordsOf(text));
    }

    [Fact]
    public void The_stream_starts_afresh_for_each_question()
    {
        Assert.Equal("ivig guillain", WordsOf("ivig guillain"));
        Assert.Equal("bare", WordsOf("bare"));
    }

    [Fact]
    public void Index_fields_are_corrected_before_synonyms_in_a_question_analyzer()
    {
        Assert.Contains(SynonymMap.GroupToken(0), Analyzer.Tokens(FaqAnalyzer.Question, "what about guillan bare"));
        Assert.DoesNotContain(SynonymMap.GroupToken(0), new FaqAnalyzer(Synonyms).Tokens(FaqAnalyzer.Question, "guillan bare"));
    }

    [Fact]
    public void Each_words_stems_follow_its_correction()
    {
        Assert.Equal("kawasaki headach", string.Join(' ', Analyzer.Tokens(FaqAnalyzer.Question, "kawasacki headahce")));
    }

    /// <summary>The words of the original tokens at the end of the <see cref="FaqAnalyzer.Question"/> chain.</summary>
    private static string WordsOf(string text)
    {
        var words = new List<string>();
        using var stream = Analyzer.GetTokenStream(FaqAnalyzer.Question, text);
        var word = stream.AddAttribute<IWordAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (type.Type != SynonymFilter.TYPE_SYNONYM)
            {
                words.Add(word.Word);
            }
        }

        stream.End();
        return string.Join(' ', words);
    }
}
