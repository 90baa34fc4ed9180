using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Search;
using IvigBot.Semantic;

namespace IvigBot.Answering;

/// <summary>
/// Answers a patient's question: triage rules first (emergency, personal advice, small talk), then search (BM25 and,
/// with <see cref="AnsweringOptions.Semantic"/>, closeness in meaning), then a decision by confidence: answer, clarify
/// (close questions to choose from) or fallback.
/// Immutable and thread-safe; on content reload a new engine is built and swapped in.
/// </summary>
public sealed partial class AnswerEngine : IDisposable
{
    /// <summary>How many search results are considered for each question.</summary>
    public const int CandidateCount = 12;

    /// <summary>
    /// How many search results are considered for a question of only common words ("What is IVIG?"), whose BM25
    /// scores are nearly equal, so that the confidence, not the order of ties, picks the entry.
    /// </summary>
    public const int CommonQuestionCandidateCount = 48;

    /// <summary>Small talk is recognised only when the message has at most this many other meaningful words ("thanks, that was great").</summary>
    public const int SmalltalkExtraWords = 1;


    private readonly FaqIndex _index;
    private readonly RankingWeights _ranking;
    private readonly IFaqSearcher _searcher;
    private readonly ConfidenceEstimator _confidence;
    private readonly TriageMatcher _triage;
    private readonly AnsweringOptions _options;
    private readonly ReplyComposer _composer;
    private readonly IReadOnlyList<Suggestion> _examples;
    private readonly HashSet<string> _smalltalkWords;
    private readonly AnswerCache? _cache;
    private readonly Dictionary<string, FaqDocument[]> _entriesByTopic;
    private readonly ConcurrentDictionary<string, List<Suggestion>> _relatedById = new(StringComparer.Ordinal);
    private readonly SemanticIndex? _semantic;
    private readonly SemanticTriage? _semanticTriage;
    private readonly SemanticWeights _meaning = new();

    public AnswerEngine(FaqContent content, AnsweringOptions options, RankingWeights? ranking = null)
        : this(FaqIndexBuilder.Build(content.Documents, content.Synonyms, options.Bm25K1, options.Bm25B, string.IsNullOrWhiteSpace(options.IndexFolder) ? null : options.IndexFolder), content.TriageRules, options, ranking)
    {
    }

    public AnswerEngine(FaqIndex index, IEnumerable<TriageRule> rules, AnsweringOptions options, RankingWeights? ranking = null)
        : this(new FaqSearcher(index, (ranking ?? new RankingWeights()).SearchFields(index.Phrased, options.Semantic)), rules, options, ranking)
    {
    }

    /// <param name="searcher">The search the engine ranks from (with <paramref name="ranking"/>'s field weights, <see cref="RankingWeights.SearchFields"/>); its index is the engine's.</param>
    /// <param name="rules">The triage rules.</param>
    /// <param name="options">The answering settings.</param>
    /// <param name="ranking">The ranking weights; the defaults when null.</param>
    public AnswerEngine(IFaqSearcher searcher, IEnumerable<TriageRule> rules, AnsweringOptions options, RankingWeights? ranking = null)
    {
        ArgumentNullException.ThrowIfNull(searcher);
        var index = searcher.Index;
        _index = index;
        _ranking = ranking ?? new RankingWeights();
        _searcher = searcher;
        _confidence = new ConfidenceEstimator(index, _ranking);
        _triage = new TriageMatcher(rules);
        _smalltalkWords = _triage.Rules.Where(r => r.Kind == TriageKind.Smalltalk)
            .SelectMany(r => r.Phrases).SelectMany(p => p.Tokens).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        _options = options;
        _composer = new ReplyComposer(options);
        _examples = options.EffectiveExampleQuestions
            .Select(index.Find)
            .OfType<FaqDocument>()
            .Select(ToSuggestion)
            .ToList();
        _cache = options.CacheSize > 0 ? new AnswerCache(Math.Max(2, options.CacheSize)) : null;
        _entriesByTopic = index.Documents.Where(d => d.Kind == FaqDocumentKind.Entry)
            .GroupBy(d => d.Topic, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        if (options.Semantic)
        {
            var embedder = SentenceEmbedder.For(options.QuantizedModel);
            _semantic = SemanticIndex.Build(index.Documents, embedder, options.EffectiveVectorCacheFolder);
            _semanticTriage = SemanticTriage.Build(_triage.Rules, embedder, options.EffectiveVectorCacheFolder, _meaning);
        }
    }

    /// <summary>Whether this engine reads meaning as well as words (<see cref="AnsweringOptions.Semantic"/>).</summary>
    public bool Semantic => _semantic is not null;

    public FaqIndex Index => _index;

    public AnsweringOptions Options => _options;

    /// <summary>Example questions for greetings and fallbacks (those of <see cref="AnsweringOptions.ExampleQuestions"/> that exist).</summary>
    public IReadOnlyList<Suggestion> Examples => _examples;

    /// <summary>The bounded answer cache (<see cref="AnsweringOptions.CacheSize"/>), or null when it is off.</summary>
    public AnswerCache? Cache => _cache;

    /// <summary>The reply to <paramref name="question"/>; from the answer cache when the same question was answered before.</summary>
    public AnswerResult Answer(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return _cache is null
            ? Answer(question, out _)
            : _cache.GetOrAdd(question, this, static (q, engine) => engine.Answer(q, out _));
    }

    /// <summary>
    /// As <see cref="Answer(string)"/>, but a message that needs the model while it is busy with others waits for its
    /// turn without holding a thread (<see cref="SemanticIndex.EmbedAsync"/>): for the bot's turns, where many new
    /// questions may arrive at once.
    /// </summary>
    public async ValueTask<AnswerResult> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        string? key = null;
        if (_cache is not null && _cache.TryGet(question, out key, out var cached))
        {
            return cached;
        }

        AnswerResult result;
        if (string.IsNullOrWhiteSpace(question))
        {
            result = Blank();
        }
        else
        {
            var reading = _triage.Read(question);
            // The model reads the message as the cache keys it (as Embed does): the key, when there is one, is that text.
            var vector = NeedsMeaning(reading) ? await _semantic!.EmbedAsync(key ?? AnswerCache.Normalize(question), cancellationToken).ConfigureAwait(false) : null;
            result = Answer(question, reading, vector, out _);
        }

        _cache?.Add(key, result);
        return result;
    }

    /// <summary>The reply, never from the cache, with the ranked candidates it was chosen from (null when no search ran).</summary>
    internal AnswerResult Answer(string question, out IReadOnlyList<RankedCandidate>? rankedCandidates)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (string.IsNullOrWhiteSpace(question))
        {
            rankedCandidates = null;
            return Blank();
        }

        var reading = _triage.Read(question);
        return Answer(question, reading, NeedsMeaning(reading) ? Embed(question) : null, out rankedCandidates);
    }

    private AnswerResult Blank() => new()
    {
        Kind = AnswerKind.Smalltalk,
        Text = ReplyComposer.Smalltalk("Please type a question about IVIG treatment.", _examples),
        Suggestions = _examples,
    };

    /// <summary>Whether the message's vector is read: with meaning on, unless its phrases are an emergency's (nothing can come before it).</summary>
    private bool NeedsMeaning(TriageReading reading) => _semantic is not null && reading.Match?.Rule.Kind != TriageKind.Emergency;

    /// <summary>The reply to a message that is not blank, from its triage reading and its vector (null when not read, <see cref="NeedsMeaning"/>).</summary>
    private AnswerResult Answer(string question, TriageReading reading, float[]? vector, out IReadOnlyList<RankedCandidate>? rankedCandidates)
    {
        rankedCandidates = null;
        var triage = reading.Match;
        var rule = triage?.Rule;
        var meaning = vector is null ? null : _semantic!.Compare(vector);
        if (vector is not null && meaning is { Length: > 0 } && !reading.DeniesWarningSign
            && _semanticTriage?.Match(vector, reading.HasNegation, meaning.Max(m => m.Question)) is { } byMeaning
            && (rule is null || byMeaning.Kind < rule.Kind))
        {
            // Matched by meaning, not by a phrase: a more urgent rule than the phrases found, or the only one.
            rule = byMeaning;
            triage = null;
        }

        if (rule?.Kind == TriageKind.Emergency)
        {
            return new AnswerResult { Kind = AnswerKind.Emergency, Text = _composer.Emergency(rule), Confidence = 1 };
        }

        var ranked = Rank(question, vector, meaning, _meaning.Candidates);
        rankedCandidates = ranked;
        var top = ranked.Count > 0 ? ranked[0] : null;

        if (rule?.Kind == TriageKind.Advice)
        {
            var general = top is not null && top.Confidence >= _options.ClarifyThreshold ? top.Document : null;
            return new AnswerResult
            {
                Kind = AnswerKind.Advice,
                Text = _composer.Advice(rule, general),
                Id = general?.Id,
                Question = general?.Question,
                Source = general?.Source,
                Confidence = 1,
                Suggestions = general is null ? [] : Related(ranked, general),
            };
        }

        // Small talk by meaning counts as small talk with other words: a confident answer wins.
        if (rule?.Kind == TriageKind.Smalltalk && (triage is null ? SmalltalkExtraWords : ExtraWords(triage)) is var extra && extra <= SmalltalkExtraWords
            && (extra == 0 || top is null || top.Confidence < _options.AnswerThreshold))
        {
            return new AnswerResult
            {
                Kind = AnswerKind.Smalltalk,
                Text = ReplyComposer.Smalltalk(_composer.Rule(rule), _examples),
                Confidence = 1,
                Suggestions = _examples,
            };
        }

        if (top is not null && top.Confidence >= _options.AnswerThreshold)
        {
            return Answered(top.Document, top.Confidence, Related(ranked, top.Document));
        }

        if (top is not null && top.Confidence >= _options.ClarifyThreshold)
        {
            var candidates = ranked
                .Where(c => c.Confidence >= _options.ClarifyThreshold)
                .Take(Math.Max(2, Math.Min(3, _options.MaxSuggestions)))
                .Select(c => ToSuggestion(c.Document))
                .ToList();
            if (candidates.Count >= 2)
            {
                return new AnswerResult
                {
                    Kind = AnswerKind.Clarify,
                    Text = _composer.Clarify(candidates),
                    Confidence = top.Confidence,
                    Suggestions = candidates,
                };
            }
        }

        // Not sure enough to ask "which of these?", but the likeliest entry is what the patient most probably meant:
        // offer it first.
        IReadOnlyList<Suggestion> offered = top is not null && top.Confidence >= Math.Min(_options.SuggestThreshold, _options.ClarifyThreshold) && top.Document.Kind == FaqDocumentKind.Entry
            ? [.. _examples.Prepend(ToSuggestion(top.Document)).DistinctBy(s => s.Id)]
            : _examples;
        return new AnswerResult
        {
            Kind = AnswerKind.Fallback,
            Text = _composer.Fallback(offered),
            Confidence = top?.Confidence ?? 0,
            Suggestions = offered,
        };
    }

    /// <summary>The answer for a chosen suggestion: exactly entry <paramref name="id"/>, no search.</summary>
    public AnswerResult? AnswerById(string id)
    {
        var document = _index.Find(id);
        return document is null ? null : Answered(document, 1, _relatedById.GetOrAdd(document.Id, static (_, state) => state.Engine.Related(state.Engine.Rank(state.Document.Question), state.Document), (Engine: this, Document: document)));
    }

    /// <summary>The documents considered for <paramref name="question"/>, best first, with their confidence.</summary>
    /// <remarks>
    /// Candidates come from BM25 of the content words (and of the question sentence's, in a message of several
    /// sentences). With meaning off they are ordered by the confidence and the wording similarity, each weighed by how
    /// much of the question it reads: the content words' share of the question's idf (<c>ContentShare</c>) for the
    /// confidence, the rest for the wording. "What should I do when I get home from my infusion?" says little besides
    /// question words, so its wording decides; "side effects of IVIG for kawasaki disease" is nearly all content words,
    /// so its confidence does. The search score (relative to the best) adds <see cref="RankingWeights.ScoreWeight"/>.
    /// In a bank of headline questions and answers only (a public benchmark's), the search score alone orders them,
    /// with the answer counting as much as the question (<see cref="RankingWeights.Order(in OrderFeatures, bool)"/>).
    /// With <see cref="AnsweringOptions.Semantic"/>, the documents closest in meaning join the candidates, and the order
    /// is a weighted sum of the search score relative to the best and the cosines of the closest phrasing, of the answer
    /// and of both read together, each rescaled over the bank, with the weights for a bank with or without "also asked
    /// as" phrasings (<see cref="SemanticWeights.Order"/>, refit with tests/eval/fit-ranking.py);
    /// the confidence reads how close the candidate is in meaning as well as in words, and how close the message is to
    /// what the FAQ is about (<see cref="ConfidenceModel"/>), so that a lure sharing one word is refused and a
    /// paraphrase answered.
    /// </remarks>
    public IReadOnlyList<RankedCandidate> Rank(string question) => Rank(question, _meaning.Candidates);

    /// <summary>
    /// The same with the <paramref name="closestInMeaning"/> documents closest in meaning as candidates (meaning on):
    /// with all of them, every document is ranked, to refit the order and the pool (<c>eval --candidates</c>).
    /// </summary>
    internal IReadOnlyList<RankedCandidate> Rank(string question, int closestInMeaning) => Embed(question) is { } vector
        ? Rank(question, vector, _semantic!.Compare(vector), closestInMeaning)
        : Rank(question, null, null, closestInMeaning);

    /// <summary>The message's vector, once per message for triage, ranking and confidence; null without <see cref="AnsweringOptions.Semantic"/>.</summary>
    /// <remarks>The model reads the message as the answer cache keys it (<see cref="AnswerCache.Normalize"/>), so a cached answer is the one the message would get.</remarks>
    private float[]? Embed(string question) => _semantic?.Embed(AnswerCache.Normalize(question));

    private List<RankedCandidate> Rank(string question, float[]? vector, MeaningSimilarity[]? meaning, int closestInMeaning)
    {
        var query = _index.Parser.Analyze(question);
        if (query.IsEmpty)
        {
            return [];
        }

        var focusText = QuestionSentence(question);
        var focus = focusText is null ? null : _index.Parser.Analyze(focusText);
        if (focus is { IsEmpty: true })
        {
            focus = null;
        }

        var found = _searcher.Search(query, _searcher.AllTermsCommon(query) ? CommonQuestionCandidateCount : CandidateCount);
        if (focus is not null)
        {
            found = found.Concat(_searcher.Search(focus, CandidateCount))
                .GroupBy(p => p.Ordinal)
                .Select(g => g.MaxBy(p => p.Score))
                .ToList();
        }

        if (meaning is not null)
        {
            found = WithClosestInMeaning(found, meaning, closestInMeaning);
        }

        if (found.Count == 0)
        {
            return [];
        }

        var profile = _confidence.Profile(query, focus);
        var topScore = 0.0;
        foreach (var p in found)
        {
            topScore = Math.Max(topScore, p.Score);
        }

        var contentShare = profile.ContentShare;
        var topicality = vector is null ? 0 : _semantic!.Topicality(vector);
        var range = meaning is null ? default : MeaningRange.Of(meaning);
        var ranked = new (RankedCandidate Candidate, double Order)[found.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            var p = found[i];
            var confidence = _confidence.Estimate(profile, p.Ordinal);
            var score = topScore > 0 ? p.Score / topScore : 0;
            var similarity = meaning?[p.Ordinal] ?? default;
            var signals = new OrderFeatures(contentShare * confidence, (1 - contentShare) * _confidence.WordingSimilarity(profile, p.Ordinal), score, similarity.Question, similarity.Answer, range.QuestionCloseness(similarity), range.AnswerCloseness(similarity), similarity.Document, range.DocumentCloseness(similarity));
            var order = meaning is null ? _ranking.Order(signals, _index.Phrased) : _meaning.Order(signals, _semantic!.Phrased);
            ConfidenceFeatures? features = null;
            if (meaning is not null)
            {
                features = new ConfidenceFeatures(confidence, similarity.Question, profile.UnknownShare, topicality);
                confidence = _meaning.ConfidenceModel.Confidence(features.Value);
            }

            ranked[i] = (new RankedCandidate(p.Document, p.Score, confidence, features, signals), order);
        }

        // Best order first, then by id: a total order, so the sort needs no stability.
        Array.Sort(ranked, static (a, b) => b.Order.CompareTo(a.Order) is var byOrder && byOrder != 0
            ? byOrder
            : string.CompareOrdinal(a.Candidate.Document.Id, b.Candidate.Document.Id));
        var candidates = new List<RankedCandidate>(ranked.Length);
        foreach (var (candidate, _) in ranked)
        {
            candidates.Add(candidate);
        }

        return candidates;
    }

    /// <summary>
    /// The search's candidates and those it did not find (score 0) of the <paramref name="count"/> documents closest in
    /// meaning by their closest phrasing and the <paramref name="count"/> closest by their whole text (<see cref="SemanticWeights.Candidates"/>).
    /// </summary>
    private List<ScoredPassage> WithClosestInMeaning(IReadOnlyList<ScoredPassage> found, MeaningSimilarity[] meaning, int count)
    {
        var candidates = found.ToList();
        var seen = candidates.Select(p => p.Ordinal).ToHashSet();
        var closest = Enumerable.Range(0, meaning.Length).OrderByDescending(d => meaning[d].Question).Take(count)
            .Concat(Enumerable.Range(0, meaning.Length).OrderByDescending(d => meaning[d].Document).Take(count))
            .Where(seen.Add);
        candidates.AddRange(closest.Select(d => new ScoredPassage(_index.Documents[d], 0, d)));
        return candidates;
    }

    /// <summary>
    /// In a message of several sentences, the sentence that asks: the last one with a question mark, or
    /// else the last one. Patients often give context first ("My daughter was just diagnosed… what does it do?").
    /// A vague asking sentence ("Is this a known thing?") takes in the sentences before it until it has
    /// <see cref="MinFocusWords"/> meaningful words, so that what "this" stands for is part of the question.
    /// </summary>
    internal static string? QuestionSentence(string message)
    {
        var sentences = SentencePattern().Matches(message)
            .Select(m => m.Value.Trim())
            .Where(sentence => FaqAnalyzer.WordsOf(sentence).Count > 0)
            .ToList();
        if (sentences.Count < 2)
        {
            return null;
        }

        var last = sentences.FindLastIndex(sentence => sentence.EndsWith('?'));
        if (last < 0)
        {
            last = sentences.Count - 1;
        }

        var first = last;
        while (first > 0 && MeaningfulWords(string.Join(' ', sentences.Skip(first).Take(last - first + 1))) < MinFocusWords)
        {
            first--;
        }

        if (first == 0 && last == sentences.Count - 1)
        {
            return null;
        }

        return string.Join(' ', sentences.Skip(first).Take(last - first + 1)).TrimEnd('.', '!', '?').TrimEnd();
    }

    /// <summary>The asking sentence of a long message needs this many meaningful (non stop) words to stand on its own.</summary>
    public const int MinFocusWords = 3;

    private static int MeaningfulWords(string text) => FaqAnalyzer.WordsOf(text).Count(t => !StopWords.IsStopWord(t));

    /// <summary>A sentence with the punctuation that ends it.</summary>
    [GeneratedRegex(@"[^.!?\n]+[.!?]*")]
    private static partial Regex SentencePattern();

    public void Dispose() => _index.Dispose();

    /// <summary>How many meaningful words a small-talk message has besides small talk ("hi, what is ivig" has one).</summary>
    private int ExtraWords(TriageMatch match) =>
        match.OtherTokens.Count(t => !StopWords.IsStopWord(t) && !_smalltalkWords.Contains(t));

    private static Suggestion ToSuggestion(FaqDocument document) => new(document.Id, document.Question);

    private AnswerResult Answered(FaqDocument document, double confidence, IReadOnlyList<Suggestion> related) => new()
    {
        Kind = AnswerKind.Answer,
        Text = _composer.Answer(document),
        Id = document.Id,
        Question = document.Question,
        Source = document.Source,
        Confidence = Math.Round(confidence, 3),
        Suggestions = related,
    };

    /// <summary>Related entries: the next good candidates, then entries of the same topic.</summary>
    private List<Suggestion> Related(IReadOnlyList<RankedCandidate> ranked, FaqDocument answered)
    {
        var related = new List<Suggestion>(_options.MaxSuggestions);
        foreach (var candidate in ranked)
        {
            if (candidate.Document.Kind == FaqDocumentKind.Entry && candidate.Confidence >= _options.ClarifyThreshold)
            {
                AddRelated(related, candidate.Document, answered);
            }
        }

        foreach (var entry in _entriesByTopic.GetValueOrDefault(answered.Topic, []))
        {
            AddRelated(related, entry, answered);
        }

        return related;
    }

    /// <summary>Adds <paramref name="document"/> to <paramref name="related"/> unless it is the answer, already there, or the list is full.</summary>
    private void AddRelated(List<Suggestion> related, FaqDocument document, FaqDocument answered)
    {
        if (related.Count >= _options.MaxSuggestions || document.Id == answered.Id)
        {
            return;
        }

        foreach (var suggestion in related)
        {
            if (suggestion.Id == document.Id)
            {
                return;
            }
        }

        related.Add(ToSuggestion(document));
    }
}
