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

    public static DocumentTerms For(FaqDocument document)
    {
        var variants = new List<string[]>();
        var wordings = new List<HashSet<string>>();
        var questionStems = new HashSet<string>(StringComparer.Ordinal);
        var phrasings = document.Kind == FaqDocumentKind.Entry
            ? document.Alternates.Prepend(document.Question)
            : [document.Question];
        foreach (var phrasing in phrasings)
        {
            var stems = ContentStems(phrasing);
            wordings.Add(new HashSet<string>(FaqAnalyzer.WordsOf(phrasing).Select(LightStemmer.Stem), StringComparer.Ordinal));
            questionStems.UnionWith(stems);
            if (stems.Length > 0)
            {
                variants.Add(stems);
            }
        }

        var answerStems = new HashSet<string>(ContentStems(document.Answer), StringComparer.Ordinal);
        return new DocumentTerms(questionStems, answerStems, [.. variants], [.. wordings]);
    }

    public static string[] ContentStems(string text) =>
        FaqAnalyzer.WordsOf(text).Where(t => !StopWords.IsStopWord(t)).Select(LightStemmer.Stem).Distinct().ToArray();
}
