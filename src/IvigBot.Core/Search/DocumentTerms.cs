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

    /// <summary>
    /// The stems of a document, and one more document counted for each of its stems in the question or the answer
    /// (<see cref="IndexedStem.Documents"/>).
    /// </summary>
    /// <param name="phrasings">The words of the question and of each alternate (for a passage: of its title).</param>
    /// <param name="answer">The words of the answer or passage text.</param>
    /// <param name="words">The words' table, whose marks tell which stems are already collected.</param>
    /// <param name="stems">Scratch space, reused from one document to the next.</param>
    internal static DocumentTerms For(IEnumerable<ReadWords> phrasings, ReadWords answer, IndexedWords words, List<IndexedStem> stems)
    {
        var variants = new List<string[]>();
        var wordings = new List<HashSet<string>>();
        var document = words.NextMark();
        var question = new List<string>();
        foreach (var phrasing in phrasings)
        {
            wordings.Add(Set(Distinct(phrasing, words.NextMark(), contentOnly: false, stems)));
            Distinct(phrasing, words.NextMark(), contentOnly: true, stems);
            foreach (var stem in stems)
            {
                Count(stem, document, question);
            }

            if (stems.Count > 0)
            {
                var variant = new string[stems.Count];
                for (var i = 0; i < variant.Length; i++)
                {
                    variant[i] = stems[i].Stem;
                }

                variants.Add(variant);
            }
        }

        var answerStems = Set(Distinct(answer, words.NextMark(), contentOnly: true, stems));
        foreach (var stem in stems)
        {
            Count(stem, document, null);
        }

        var questionStems = new HashSet<string>(question.Count, StringComparer.Ordinal);
        foreach (var stem in question)
        {
            questionStems.Add(stem);
        }

        return new DocumentTerms(questionStems, answerStems, [.. variants], [.. wordings]);
    }

    /// <summary>Counts <paramref name="document"/> for <paramref name="stem"/> once, and adds the stem to <paramref name="question"/> if given.</summary>
    private static void Count(IndexedStem stem, int document, List<string>? question)
    {
        if (stem.DocumentMark != document)
        {
            stem.DocumentMark = document;
            stem.Documents++;
            question?.Add(stem.Stem);
        }
    }

    /// <summary>
    /// The distinct stems of <paramref name="words"/> (of the words that are not stop words when
    /// <paramref name="contentOnly"/>), in order, into <paramref name="stems"/>; each marked with <paramref name="mark"/>.
    /// </summary>
    private static List<IndexedStem> Distinct(ReadWords words, int mark, bool contentOnly, List<IndexedStem> stems)
    {
        stems.Clear();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Word is var word && !(contentOnly && word.IsStopWord) && word.Stem.Mark != mark)
            {
                word.Stem.Mark = mark;
                stems.Add(word.Stem);
            }
        }

        return stems;
    }

    private static HashSet<string> Set(List<IndexedStem> stems)
    {
        var set = new HashSet<string>(stems.Count, StringComparer.Ordinal);
        foreach (var stem in stems)
        {
            set.Add(stem.Stem);
        }

        return set;
    }
}
