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

    /// <summary>Reads the words of <paramref name="text"/> into <paramref name="words"/>, in order: each word's stem and whether it is a stop word.</summary>
    public delegate void WordReader(string text, List<(string Stem, bool IsStopWord)> words);

    /// <param name="document">The document.</param>
    /// <param name="read">
    /// Reads the words of a text (<see cref="FaqAnalyzer.Words"/>, each with its <see cref="LightStemmer"/> stem and
    /// whether it is in <see cref="StopWords"/>); called once per text.
    /// </param>
    public static DocumentTerms For(FaqDocument document, WordReader read)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(read);
        var words = new List<(string Stem, bool IsStopWord)>();
        var variants = new List<string[]>();
        var wordings = new List<HashSet<string>>();
        var questionStems = new HashSet<string>(StringComparer.Ordinal);
        var phrasings = document.Kind == FaqDocumentKind.Entry
            ? document.Alternates.Prepend(document.Question)
            : [document.Question];
        foreach (var phrasing in phrasings)
        {
            words.Clear();
            read(phrasing, words);
            var stems = ContentStems(words);
            var wording = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (stem, _) in words)
            {
                wording.Add(stem);
            }

            wordings.Add(wording);
            questionStems.UnionWith(stems);
            if (stems.Length > 0)
            {
                variants.Add(stems);
            }
        }

        words.Clear();
        read(document.Answer, words);
        var answerStems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (stem, isStopWord) in words)
        {
            if (!isStopWord)
            {
                answerStems.Add(stem);
            }
        }

        return new DocumentTerms(questionStems, answerStems, [.. variants], [.. wordings]);
    }

    /// <summary>The distinct stems of the words that are not stop words, in order.</summary>
    private static string[] ContentStems(List<(string Stem, bool IsStopWord)> words)
    {
        var stems = new List<string>(words.Count);
        foreach (var (stem, isStopWord) in words)
        {
            if (!isStopWord && !stems.Contains(stem))
            {
                stems.Add(stem);
            }
        }

        return [.. stems];
    }
}
