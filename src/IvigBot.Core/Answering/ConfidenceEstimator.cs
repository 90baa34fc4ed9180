using IvigBot.Analysis;
using IvigBot.Search;

namespace IvigBot.Answering;

/// <summary>
/// Estimates, from 0 to 1, how well a document answers a question, from two coverages weighted by idf
/// (rare words count more than common ones):
/// <list type="bullet">
/// <item>query coverage: how much of the question the document's question, alternates (full credit)
/// or answer (part credit) contain. Words the index has never seen count against it, up to a cap, so
/// "best pizza near me" does not match "ivig" answers. In a message of several sentences, the question
/// sentence must be covered; the other sentences are context, which can add evidence but never takes any away;</item>
/// <item>entry coverage: how much of the document's best-fitting question or alternate the question contains.</item>
/// </list>
/// A word matched only through a synonym earns a little less than the word itself. The confidence is the
/// weighted geometric mean of the two coverages (<see cref="RankingWeights.QueryCoverageShare"/>): both must be high for a confident answer.
/// </summary>
public sealed class ConfidenceEstimator(FaqIndex index, RankingWeights weights)
{
    /// <summary>Credit for a question word found only in the answer text, not in the question or alternates.</summary>
    public const double AnswerTextCredit = 0.5;

    /// <summary>Credit for a word matched through one of its synonyms rather than itself.</summary>
    public const double SynonymCredit = 0.85;

    /// <summary>Unknown words together weigh at most this many times the weight of one unknown word.</summary>
    public const double UnknownWordCap = 1.5;

    internal sealed record ProfileTerm(string[] Direct, string[][] Synonyms, double Weight, bool Known, bool IsContext);

    /// <summary>Per-question facts, computed once and reused for every candidate document.</summary>
    internal sealed class QueryProfile
    {
        public required ProfileTerm[] Terms { get; init; }

        public required HashSet<string> DirectStems { get; init; }

        public required HashSet<string> SynonymStems { get; init; }

        /// <summary>Each distinct stem of the question's wording (every word, stop words included) with its idf over all phrasings.</summary>
        public required (string Stem, double Idf)[] WordingIdfs { get; init; }

        /// <summary>What the question's wording scores against itself: the denominator of <see cref="WordingSimilarity"/>.</summary>
        public required double WordingSelfScore { get; init; }

        public required double UnknownWeight { get; init; }

        /// <summary>The share of the asked (not context) words' weight that falls on words the index has never seen, 0 to 1.</summary>
        public required double UnknownShare { get; init; }

        /// <summary>
        /// The share of the question's content words in the idf of its wording (<see cref="WordingIdfs"/>), from 0 to 1:
        /// how much of what the question says its content words carry, the rest being question words.
        /// </summary>
        public required double ContentShare { get; init; }
    }

    /// <param name="query">The whole message, analysed.</param>
    /// <param name="focus">The question sentence of a message of several sentences, analysed; null when the message is one sentence.</param>
    internal QueryProfile Profile(AnalyzedQuery query, AnalyzedQuery? focus)
    {
        var focusStems = focus?.Terms.Select(t => Key(t.Stems)).ToHashSet(StringComparer.Ordinal);
        var terms = new ProfileTerm[query.Terms.Count];
        var direct = new HashSet<string>(StringComparer.Ordinal);
        var synonyms = new HashSet<string>(StringComparer.Ordinal);
        double unknown = 0, asked = 0;
        for (var i = 0; i < query.Terms.Count; i++)
        {
            var phrases = query.Terms[i].Alternatives;
            var alternatives = new string[phrases.Count][];
            var known = false;
            var weight = double.MaxValue;
            for (var a = 0; a < phrases.Count; a++)
            {
                // The term's own words come stemmed from the analyzer; its synonyms' phrases were stemmed once per index.
                var phrase = a == 0 ? PhraseOf(index, query.Terms[i].Stems) : StemsOf(phrases[a]);
                alternatives[a] = phrase.Stems;
                (a == 0 ? direct : synonyms).UnionWith(phrase.Stems);
                if (phrase.Known)
                {
                    // The weight of a term is that of its most common known alternative, each weighed by its rarest word.
                    known = true;
                    weight = Math.Min(weight, phrase.Weight);
                }
            }

            if (!known)
            {
                weight = index.MaxIdf * weights.UnknownWordWeight;
            }

            var isContext = focusStems is not null && !focusStems.Contains(Key(query.Terms[i].Stems));
            terms[i] = new ProfileTerm(alternatives[0], alternatives[1..], weight, known, isContext);
            asked += isContext ? 0 : weight;
            if (!known && !isContext)
            {
                unknown += weight;
            }
        }

        synonyms.ExceptWith(direct);
        // The wording is that of the question sentence: the question words of the context ("I've read", "can't
        // tell") say nothing about what is asked.
        var wordingQuery = focus ?? query;
        var wording = new HashSet<string>(StringComparer.Ordinal);
        var contentWording = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < wordingQuery.Tokens.Count; k++)
        {
            var stem = wordingQuery.Stems[k];
            wording.Add(stem);
            if (!StopWords.IsStopWord(wordingQuery.Tokens[k]))
            {
                contentWording.Add(stem);
            }
        }

        var wordingIdfs = wording.Select(stem => (Stem: stem, Idf: WordingIdf(stem))).ToArray();
        double wordingIdf = 0, contentIdf = 0;
        foreach (var (stem, idf) in wordingIdfs)
        {
            wordingIdf += idf;
            contentIdf += contentWording.Contains(stem) ? idf : 0;
        }

        return new QueryProfile
        {
            Terms = terms,
            DirectStems = direct,
            SynonymStems = synonyms,
            WordingIdfs = wordingIdfs,
            WordingSelfScore = wordingIdf * WordingTermScore(wording.Count),
            ContentShare = wordingIdf > 0 ? contentIdf / wordingIdf : 1,
            UnknownWeight = Math.Min(unknown, UnknownWordCap * index.MaxIdf * weights.UnknownWordWeight),
            UnknownShare = asked > 0 ? unknown / asked : 0,
        };
    }

    /// <summary>A phrase's stems, whether the index knows all of them, and the idf of its rarest.</summary>
    private sealed record PhraseStems(string[] Stems, bool Known, double Weight);

    /// <summary>
    /// The stems of every phrase of the synonym groups, by reference (queries hand over the groups' own arrays as the
    /// alternatives of a synonym term): a question with "ivig" does not stem its 21 synonyms again.
    /// </summary>
    private readonly Dictionary<string[], PhraseStems> _groupPhrases = GroupPhrases(index);

    private static Dictionary<string[], PhraseStems> GroupPhrases(FaqIndex index)
    {
        var phrases = new Dictionary<string[], PhraseStems>(ReferenceEqualityComparer.Instance);
        foreach (var phrase in index.Parser.Synonyms.Groups.SelectMany(group => group))
        {
            phrases.TryAdd(phrase, StemPhrase(index, phrase));
        }

        return phrases;
    }

    /// <summary>A synonym phrase's stems, made once per index.</summary>
    private PhraseStems StemsOf(string[] phrase) => _groupPhrases[phrase];

    private static PhraseStems StemPhrase(FaqIndex index, string[] phrase) => PhraseOf(index, Array.ConvertAll(phrase, LightStemmer.Stem));

    private static PhraseStems PhraseOf(FaqIndex index, string[] stems)
    {
        var known = Array.TrueForAll(stems, index.Idf.ContainsKey);
        return new PhraseStems(stems, known, known ? stems.Max(index.IdfOf) : 0);
    }

    internal double Estimate(QueryProfile profile, int document)
    {
        var terms = index.Terms[document];
        double covered = 0, total = profile.UnknownWeight;
        foreach (var term in profile.Terms)
        {
            var credit = term.Known ? Credit(term, terms) : 0;
            covered += term.Weight * credit;
            if (!term.IsContext)
            {
                total += term.Weight;
            }
            else if (credit > 0)
            {
                total += term.Weight * credit;
            }
        }

        if (total <= 0)
        {
            return 0;
        }

        var queryCoverage = Math.Min(1, covered / total);
        var entryCoverage = 0.0;
        var variants = terms.Variants;
        var variantIdfs = _variantIdfs[document];
        for (var v = 0; v < variants.Count; v++)
        {
            var variant = variants[v];
            var idfs = variantIdfs[v];
            double variantTotal = 0, found = 0;
            for (var k = 0; k < variant.Length; k++)
            {
                var idf = idfs[k];
                variantTotal += idf;
                found += profile.DirectStems.Contains(variant[k]) ? idf : profile.SynonymStems.Contains(variant[k]) ? idf * SynonymCredit : 0;
            }

            if (variantTotal > 0)
            {
                entryCoverage = Math.Max(entryCoverage, found / variantTotal);
            }
        }

        return Math.Pow(queryCoverage, weights.QueryCoverageShare) * Math.Pow(entryCoverage, 1 - weights.QueryCoverageShare);
    }

    /// <summary>
    /// How alike the wording, stop words included, of the question and the document's closest phrasing is, from 0 to 1:
    /// BM25 of the question's words against each phrasing (k1 0.9, b 0.4, idf over all phrasings of all documents),
    /// divided by what the question would score against itself. Question words that confidence ignores ("how" or
    /// "where", "can I" or "should I") tell "how is it given" from "where is it given".
    /// </summary>
    internal double WordingSimilarity(QueryProfile profile, int document)
    {
        if (profile.WordingSelfScore <= 0)
        {
            return 0;
        }

        var wordings = _wordings.Masks[document];
        if (wordings is null)
        {
            return PlainWordingSimilarity(profile, document);
        }

        // One lookup per question word gives the phrasings that have it (a bit each); the sums are made in the
        // same order as in PlainWordingSimilarity, so the scores are the same.
        Span<double> scores = stackalloc double[wordings.TermScores.Length];
        foreach (var (stem, idf) in profile.WordingIdfs)
        {
            if (wordings.Masks.TryGetValue(stem, out var mask))
            {
                for (; mask != 0; mask &= mask - 1)
                {
                    var w = System.Numerics.BitOperations.TrailingZeroCount(mask);
                    scores[w] += idf * wordings.TermScores[w];
                }
            }
        }

        var best = 0.0;
        foreach (var score in scores)
        {
            best = Math.Max(best, score);
        }

        return Math.Min(1, best / profile.WordingSelfScore);
    }

    /// <summary><see cref="WordingSimilarity"/> computed phrasing by phrasing, word by word.</summary>
    internal double PlainWordingSimilarity(QueryProfile profile, int document)
    {
        if (profile.WordingSelfScore <= 0)
        {
            return 0;
        }

        var best = 0.0;
        foreach (var wording in index.Terms[document].Wordings)
        {
            var termScore = WordingTermScore(wording.Count);
            var score = 0.0;
            foreach (var (stem, idf) in profile.WordingIdfs)
            {
                if (wording.Contains(stem))
                {
                    score += idf * termScore;
                }
            }

            best = Math.Max(best, score);
        }

        return Math.Min(1, best / profile.WordingSelfScore);
    }

    private const double WordingK1 = 0.9;
    private const double WordingB = 0.4;

    /// <summary>
    /// The phrasings' statistics for BM25, and per document with at most 64 phrasings, for each stem, which of its
    /// phrasings have it (null: more phrasings), with each phrasing's length factor.
    /// </summary>
    private readonly (Dictionary<string, int> Frequency, int Count, double AverageLength, WordingMasks?[] Masks) _wordings = WordingStatistics(index);

    private sealed record WordingMasks(Dictionary<string, ulong> Masks, double[] TermScores);

    private static WordingMasks?[] BuildWordingMasks(FaqIndex index, double averageLength) => [.. index.Terms.Select(terms =>
    {
        if (terms.Wordings.Count > 64)
        {
            return null;
        }

        var masks = new Dictionary<string, ulong>(StringComparer.Ordinal);
        for (var w = 0; w < terms.Wordings.Count; w++)
        {
            foreach (var stem in terms.Wordings[w])
            {
                masks[stem] = masks.GetValueOrDefault(stem) | (1UL << w);
            }
        }

        return new WordingMasks(masks, [.. terms.Wordings.Select(wording => WordingTermScore(wording.Count, averageLength))]);
    })];

    /// <summary>Per document, per variant, the idf of each stem: looked up once here instead of for every question.</summary>
    private readonly double[][][] _variantIdfs = [.. index.Terms.Select(t => t.Variants.Select(v => v.Select(index.IdfOf).ToArray()).ToArray())];

    private static (Dictionary<string, int> Frequency, int Count, double AverageLength, WordingMasks?[] Masks) WordingStatistics(FaqIndex index)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        long length = 0;
        foreach (var wording in index.Terms.SelectMany(t => t.Wordings))
        {
            count++;
            length += wording.Count;
            foreach (var stem in wording)
            {
                frequency[stem] = frequency.GetValueOrDefault(stem) + 1;
            }
        }

        var averageLength = count == 0 ? 1 : Math.Max(1, (double)length / count);
        return (frequency, count, averageLength, BuildWordingMasks(index, averageLength));
    }

    private double WordingIdf(string stem)
    {
        // A word no phrasing has still counts in what the question scores against itself.
        var df = _wordings.Frequency.GetValueOrDefault(stem);
        return Math.Log(1 + ((_wordings.Count - df + 0.5) / (df + 0.5)));
    }

    private double WordingTermScore(int length) => WordingTermScore(length, _wordings.AverageLength);

    private static double WordingTermScore(int length, double averageLength) =>
        (WordingK1 + 1) / (1 + (WordingK1 * (1 - WordingB + (WordingB * length / averageLength))));

    private static double Credit(ProfileTerm term, DocumentTerms terms)
    {
        if (ContainsAll(terms.QuestionStems, term.Direct))
        {
            return 1;
        }

        if (ContainsAny(terms.QuestionStems, term.Synonyms))
        {
            return SynonymCredit;
        }

        if (ContainsAll(terms.AnswerStems, term.Direct))
        {
            return AnswerTextCredit;
        }

        return ContainsAny(terms.AnswerStems, term.Synonyms) ? AnswerTextCredit * SynonymCredit : 0;
    }

    private static bool ContainsAll(IReadOnlySet<string> stems, string[] words)
    {
        foreach (var word in words)
        {
            if (!stems.Contains(word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsAny(IReadOnlySet<string> stems, string[][] alternatives)
    {
        foreach (var alternative in alternatives)
        {
            if (ContainsAll(stems, alternative))
            {
                return true;
            }
        }

        return false;
    }

    private static string Key(string[] stems) => string.Join(' ', stems);
}
