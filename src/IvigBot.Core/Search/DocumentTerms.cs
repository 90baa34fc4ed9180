using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Search;

/// <summary>The stems of one document, for judging how well it covers a question (see <c>ConfidenceEstimator</c>).</summary>
public sealed class DocumentTerms
{
    private DocumentTerms(HashSet<string> questionStems, HashSet<string> answerStems, string[][] variants, HashSet<string>[] wordings)
    {
        QuestionStems = questionStems;
        AnswerStems = answerStems;
        Variants = variants;
        Wordings = wordings;
    }

    /// <summary>Stems of the question and all alternates (for a passage: its title and heading).</summary>
    public IReadOnlySet<string> QuestionStems { get; }

    /// <summary>Stems of the answer or passage text.</summary>
    public IReadOnlySet<string> AnswerStems { get; }

    /// <summary>The content stems (no stop words) of the question and of each alternate, one array each.</summary>
    public IReadOnlyList<string[]> Variants { get; }

    /// <summary>All stems, stop words included, of the question and of each alternate: how each is worded.</summary>
    public IReadOnlyList<HashSet<string>> Wordings { get; }

    /// <param name="document">The document.</param>
    /// <param name="wordsOf">The words of a text (<see cref="FaqAnalyzer.WordsOf"/>); read once per text.</param>
    /// <param name="stemOf">The stem of a word (<see cref="LightStemmer.Stem"/>).</param>
    public static DocumentTerms For(FaqDocument document, Func<string, List<string>> wordsOf, Func<string, string> stemOf)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(wordsOf);
        ArgumentNullException.ThrowIfNull(stemOf);
        var variants = new List<string[]>();
        var wordings = new List<HashSet<string>>();
        var questionStems = new HashSet<string>(StringComparer.Ordinal);
        var phrasings = document.Kind == FaqDocumentKind.Entry
            ? document.Alternates.Prepend(document.Question)
            : [document.Question];
        foreach (var phrasing in phrasings)
        {
            var words = wordsOf(phrasing);
            var stems = ContentStems(words, stemOf);
            wordings.Add(new HashSet<string>(words.Select(stemOf), StringComparer.Ordinal));
            questionStems.UnionWith(stems);
            if (stems.Length > 0)
            {
                variants.Add(stems);
            }
        }

        var answerStems = new HashSet<string>(ContentStems(wordsOf(document.Answer), stemOf), StringComparer.Ordinal);
        return new DocumentTerms(questionStems, answerStems, [.. variants], [.. wordings]);
    }

    /// <summary>The distinct stems of the words that are not stop words, in order.</summary>
    private static string[] ContentStems(List<string> words, Func<string, string> stemOf) =>
        words.Where(t => !StopWords.IsStopWord(t)).Select(stemOf).Distinct().ToArray();
}
