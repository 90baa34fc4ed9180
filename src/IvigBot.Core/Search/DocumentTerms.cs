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

    /// <param name="phrasings">The words of the question and of each alternate (for a passage: of its title).</param>
    /// <param name="answer">The words of the answer or passage text.</param>
    internal static DocumentTerms For(IEnumerable<ReadWords> phrasings, ReadWords answer)
    {
        var variants = new List<string[]>();
        var wordings = new List<HashSet<string>>();
        var questionStems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in phrasings)
        {
            var stems = ContentStems(words);
            var wording = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < words.Count; i++)
            {
                wording.Add(words[i].Word.Stem);
            }

            wordings.Add(wording);
            questionStems.UnionWith(stems);
            if (stems.Length > 0)
            {
                variants.Add(stems);
            }
        }

        var answerStems = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < answer.Count; i++)
        {
            if (answer[i].Word is { IsStopWord: false } word)
            {
                answerStems.Add(word.Stem);
            }
        }

        return new DocumentTerms(questionStems, answerStems, [.. variants], [.. wordings]);
    }

    /// <summary>The distinct stems of the words that are not stop words, in order.</summary>
    private static string[] ContentStems(ReadWords words)
    {
        var stems = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Word is { IsStopWord: false, Stem: var stem } && !stems.Contains(stem))
            {
                stems.Add(stem);
            }
        }

        return [.. stems];
    }
}
