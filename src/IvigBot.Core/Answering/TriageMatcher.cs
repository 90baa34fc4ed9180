using System.Buffers;
using System.Collections.Frozen;
using IvigBot.Analysis;

namespace IvigBot.Answering;

/// <summary>A rule that matched a message, and which phrase did.</summary>
public sealed record TriageMatch(TriageRule Rule, TriagePhrase Phrase, IReadOnlyList<string> OtherTokens);

/// <summary>What triage's phrases make of a message (<see cref="TriageMatcher.Read"/>).</summary>
/// <param name="Match">The first phrase said without a negation before it, emergency rules first; null when none.</param>
/// <param name="HasNegation">
/// Whether a word of the message is a negation ("no", "not", "haven't", …), other than one telling that a sign goes on
/// ("a squeezing that's not going away", "it isn't getting any better"). Meaning alone cannot tell "no chest pain"
/// from "chest pain", so such a message is compared by meaning only with examples that have a negation too
/// (<see cref="Semantic.SemanticTriage"/>); the phrases see where the negation stands.
/// </param>
/// <param name="DeniesWarningSign">
/// Whether an emergency rule's phrase stands right after a negation ("I don't have a stiff neck, just a headache", "no
/// chest pain"). Meaning cannot tell such a denial from the sign itself, so it is left to the phrases.
/// </param>
public readonly record struct TriageReading(TriageMatch? Match, bool HasNegation, bool DeniesWarningSign);

/// <summary>
/// Checks a message against the triage rules, emergency rules first, before any search is made.
/// A phrase matches when its words appear in order within one clause, with up to
/// <see cref="MaxGap"/> other words between them and small typos tolerated ("cant breath", "troat
/// swelling"); a phrase right after a negation ("no chest pain") does not count, unless a new statement or another
/// verb comes between ("no fever and chest pain", "the tablets didn't help my chest pain").
/// </summary>
public sealed class TriageMatcher
{
    /// <summary>How many other words may stand between two words of a phrase.</summary>
    public const int MaxGap = 3;

    /// <summary>Shorter words match only themselves, never as a typo.</summary>
    private const int MinTypoLength = 4;

    /// <summary>How many words before a phrase are searched for a negation.</summary>
    public const int NegationWindow = 3;

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "no", "not", "never", "without", "dont", "didnt", "doesnt", "isnt", "arent", "wasnt", "havent", "hasnt", "hadnt", "nor", "denies",
    };

    /// <summary>
    /// Words after a negation that make it tell how a sign goes on, not that it is absent: "a pain that's not going away",
    /// "it isn't getting any better", "doesn't stop", "paracetamol didn't help". A message whose only negations are these
    /// is not a negated message (<see cref="TriageReading.HasNegation"/>), and each ends a negation's reach
    /// (<see cref="NegationBreaks"/>).
    /// </summary>
    private static readonly HashSet<string> Persists = new(StringComparer.Ordinal)
    {
        "away", "stop", "stops", "stopping", "stopped", "better", "ease", "eases", "easing", "eased", "settle", "settles",
        "settling", "settled", "improve", "improves", "improving", "improved", "shift", "shifting", "budge", "budging",
        "help", "helps", "helping", "helped", "work", "works", "working", "worked", "clear", "clears", "clearing", "cleared",
    };

    /// <summary>Words that may stand between such a negation and its word: "not going away", "isn't getting any better".</summary>
    private static readonly HashSet<string> PersistsFillers = new(StringComparer.Ordinal)
    {
        "going", "gone", "getting", "got", "any", "seem", "seems", "to", "really", "at", "all", "much",
    };

    /// <summary>
    /// Words that end a negation's reach before the phrase: a new statement ("no fever and chest pain", "no energy, now
    /// chest pain") or a negated verb that is about something else ("the tablets didn't help my chest pain", "nothing
    /// helps"; <see cref="Persists"/>), or a hedge ("I'm not sure", "I don't think"). Missing an emergency is worse than
    /// answering one too many, so when in doubt the phrase counts.
    /// </summary>
    private static readonly HashSet<string> NegationBreaks = new(Persists.Concat(
    [
        "and", "so", "now", "then", "yet", "plus", "also", "still", "because", "since", "until", "while", "when", "but",
        "relieve", "relieved", "know", "sure", "think", "understand", "care", "matter", "wait", "want",
    ]), StringComparer.Ordinal);

    /// <summary>Words after "never" that make it a comparison: "never had chest pain like this", "never had a pain like this in my chest".</summary>
    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal) { "this", "like" };

    private static readonly char[] ClauseBreaks = ['.', ',', ';', '!', '?', '\n', ':', '(', ')'];

    private readonly List<TriageRule> _rules;

    /// <summary>The distinct first words of all phrases; each phrase refers to its own by index.</summary>
    private readonly PhraseToken[] _firstTokens;

    /// <summary>Every phrase in the order they are tried (rule by rule, emergency rules first): its rule, its place in the rule and its first word's index in <see cref="_firstTokens"/>.</summary>
    private readonly (int Rule, int Phrase, int First)[] _phrases;

    /// <summary>Per first word (index in <see cref="_firstTokens"/>): the phrases that start with it, by their place in <see cref="_phrases"/>, ascending.</summary>
    private readonly int[][] _phrasesByFirst;

    /// <summary>Whole-word first words by length: a word can only match one of its own length or one letter longer or shorter.</summary>
    private readonly int[][] _firstByLength;

    /// <summary>First words that match as a prefix ("swell*"), of any length.</summary>
    private readonly int[] _prefixFirst;

    /// <summary>The letters of each first word (<see cref="EditDistance.Letters"/>).</summary>
    private readonly uint[] _firstLetters;

    /// <summary>Each whole-word first word by its text.</summary>
    private readonly FrozenDictionary<string, int> _wholeFirst;

    /// <summary>How many words the longest phrase has.</summary>
    private readonly int _longestPhrase;

    public TriageMatcher(IEnumerable<TriageRule> rules)
    {
        _rules = rules.OrderBy(r => r.Kind).ToList();
        _firstTokens = [.. _rules.SelectMany(r => r.Phrases).Select(p => p.Tokens[0]).Distinct()];
        var firstIndex = _firstTokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        _phrases = [.. _rules.SelectMany((r, rule) => r.Phrases.Select((p, phrase) => (rule, phrase, firstIndex[p.Tokens[0]])))];
        var byFirst = Enumerable.Range(0, _phrases.Length).ToLookup(i => _phrases[i].First);
        _phrasesByFirst = [.. Enumerable.Range(0, _firstTokens.Length).Select(first => byFirst[first].ToArray())];
        var longest = _firstTokens.Length == 0 ? 0 : _firstTokens.Max(t => t.Text.Length);
        _firstByLength = [.. Enumerable.Range(0, longest + 1).Select(length => Enumerable.Range(0, _firstTokens.Length)
            .Where(i => !_firstTokens[i].IsPrefix && _firstTokens[i].Text.Length == length).ToArray())];
        _prefixFirst = [.. Enumerable.Range(0, _firstTokens.Length).Where(i => _firstTokens[i].IsPrefix)];
        _firstLetters = [.. _firstTokens.Select(t => EditDistance.Letters(t.Text))];
        _wholeFirst = Enumerable.Range(0, _firstTokens.Length).Where(i => !_firstTokens[i].IsPrefix)
            .ToFrozenDictionary(i => _firstTokens[i].Text, StringComparer.Ordinal);
        _longestPhrase = _rules.SelectMany(r => r.Phrases).Select(p => p.Tokens.Count).DefaultIfEmpty(0).Max();
    }

    public IReadOnlyList<TriageRule> Rules => _rules;

    /// <summary>The first phrase, emergency rules first, that <paramref name="message"/> says without a negation before it.</summary>
    public TriageMatch? Match(string message) => Find(SplitClauses(message), findDenial: false).Match;

    /// <summary>
    /// The message read once for everything triage asks of its words: the first phrase it says (<see cref="Match"/>),
    /// whether it has a negation, and whether it denies a warning sign.
    /// </summary>
    public TriageReading Read(string message)
    {
        var clauses = SplitClauses(message);
        var hasNegation = AnyNegation(clauses);
        var (match, denies) = Find(clauses, findDenial: hasNegation);
        return new TriageReading(match, hasNegation, denies);
    }

    /// <summary>
    /// The first phrase, emergency rules first, found in <paramref name="clauses"/> without a negation before it; and, if
    /// <paramref name="findDenial"/>, whether an emergency rule's phrase stands right after one.
    /// </summary>
    private (TriageMatch? Match, bool Denies) Find(List<List<string>> clauses, bool findDenial)
    {
        // Where each phrase could start: every word against each distinct first word once (not once per phrase),
        // and only against first words it could match at all. In clause and word order, as the phrases are tried.
        var starts = new List<(int First, int Clause, int Position)>();
        for (var c = 0; c < clauses.Count; c++)
        {
            for (var position = 0; position < clauses[c].Count; position++)
            {
                var word = clauses[c][position];
                var isStopWord = StopWords.IsStopWord(word);
                if (word.Length < MinTypoLength || isStopWord)
                {
                    // Only itself: a short or common word is never a typo of another.
                    if (_wholeFirst.TryGetValue(word, out var first))
                    {
                        starts.Add((first, c, position));
                    }
                }
                else
                {
                    var letters = EditDistance.Letters(word);
                    for (var length = Math.Max(MinTypoLength, word.Length - 1); length <= Math.Min(_firstByLength.Length - 1, word.Length + 1); length++)
                    {
                        foreach (var first in _firstByLength[length])
                        {
                            // One edit changes at most two letters of the set: most first words are skipped unread.
                            if (System.Numerics.BitOperations.PopCount(letters ^ _firstLetters[first]) <= 2 && Matches(word, isStopWord, _firstTokens[first]))
                            {
                                starts.Add((first, c, position));
                            }
                        }
                    }
                }

                foreach (var first in _prefixFirst)
                {
                    if (Matches(word, isStopWord, _firstTokens[first]))
                    {
                        starts.Add((first, c, position));
                    }
                }
            }
        }

        if (starts.Count == 0)
        {
            return (null, false);
        }

        // By first word, then in clause and word order: each phrase tries only the starts of its own first word, in
        // the order of the message.
        starts.Sort(static (a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Clause != b.Clause ? a.Clause.CompareTo(b.Clause) : a.Position.CompareTo(b.Position));
        Span<int> startOf = _firstTokens.Length <= 1024 ? stackalloc int[_firstTokens.Length] : new int[_firstTokens.Length];
        startOf.Fill(-1);
        for (var s = starts.Count - 1; s >= 0; s--)
        {
            startOf[starts[s].First] = s;
        }

        // Only the phrases whose first word was found, in the order all phrases are tried.
        var pooled = ArrayPool<int>.Shared.Rent(_phrases.Length);
        try
        {
            var count = 0;
            for (var s = 0; s < starts.Count; s++)
            {
                if (s == 0 || starts[s].First != starts[s - 1].First)
                {
                    _phrasesByFirst[starts[s].First].CopyTo(pooled, count);
                    count += _phrasesByFirst[starts[s].First].Length;
                }
            }

            var candidates = pooled.AsSpan(0, count);
            candidates.Sort();
            Span<int> used = _longestPhrase <= 64 ? stackalloc int[_longestPhrase] : new int[_longestPhrase];
            TriageMatch? match = null;
            var denies = false;
            foreach (var candidate in candidates)
            {
                var (r, k, first) = _phrases[candidate];
                var rule = _rules[r];
                // Emergency rules come first: past them, only a match is still looked for.
                var seekDenial = findDenial && !denies && rule.Kind == TriageKind.Emergency;
                if (match is not null && !seekDenial)
                {
                    break;
                }

                for (var s = startOf[first]; s < starts.Count && starts[s].First == first; s++)
                {
                    var start = starts[s];
                    var tokens = rule.Phrases[k].Tokens;
                    if (!FindPhrase(clauses[start.Clause], start.Position, tokens, used))
                    {
                        continue;
                    }

                    if (IsNegated(clauses[start.Clause], start.Position, used[tokens.Count - 1]))
                    {
                        denies |= seekDenial;
                    }
                    else if (match is null)
                    {
                        match = new TriageMatch(rule, rule.Phrases[k], OtherTokens(clauses, start.Clause, used[..tokens.Count]));
                    }

                    if (match is not null && (denies || !seekDenial))
                    {
                        break;
                    }
                }
            }

            return (match, denies);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pooled);
        }
    }

    /// <summary>Every word of the message but the phrase's (at <paramref name="used"/> in clause <paramref name="clause"/>), in order.</summary>
    private static List<string> OtherTokens(List<List<string>> clauses, int clause, ReadOnlySpan<int> used)
    {
        var others = new List<string>();
        for (var c = 0; c < clauses.Count; c++)
        {
            for (var t = 0; t < clauses[c].Count; t++)
            {
                if (c != clause || !used.Contains(t))
                {
                    others.Add(clauses[c][t]);
                }
            }
        }

        return others;
    }

    /// <summary>Whether a word of <paramref name="message"/> is a negation (<see cref="TriageReading.HasNegation"/>): for semantic triage's examples.</summary>
    public static bool HasNegation(string message) => AnyNegation(SplitClauses(message));

    private static bool AnyNegation(List<List<string>> clauses)
    {
        foreach (var clause in clauses)
        {
            for (var i = 0; i < clause.Count; i++)
            {
                if (Negations.Contains(clause[i]) && !TellsPersistence(clause, i))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the negation at <paramref name="at"/> tells how a sign goes on (<see cref="Persists"/>), not that it is absent.</summary>
    private static bool TellsPersistence(List<string> clause, int at)
    {
        var next = at + 1;
        while (next < clause.Count && next <= at + 3 && PersistsFillers.Contains(clause[next]))
        {
            next++;
        }

        return next < clause.Count && Persists.Contains(clause[next]);
    }

    internal static List<List<string>> SplitClauses(string message)
    {
        var clauses = new List<List<string>>();
        foreach (var part in message.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries))
        {
            var current = new List<string>();
            foreach (var token in FaqAnalyzer.RawWordsOf(part))
            {
                if (token is "but" or "although" or "though" or "except")
                {
                    if (current.Count > 0)
                    {
                        clauses.Add(current);
                    }

                    current = [];
                    continue;
                }

                current.Add(token);
            }

            if (current.Count > 0)
            {
                clauses.Add(current);
            }
        }

        return clauses;
    }

    /// <summary>
    /// Whether the phrase, whose first word matches at <paramref name="start"/>, goes on from there; the positions of its
    /// words in the clause are then the first ones of <paramref name="used"/>.
    /// </summary>
    private static bool FindPhrase(List<string> clause, int start, IReadOnlyList<PhraseToken> phrase, Span<int> used)
    {
        used[0] = start;
        var at = start;
        for (var k = 1; k < phrase.Count; k++)
        {
            var found = false;
            for (var next = at + 1; next < clause.Count && next <= at + 1 + MaxGap; next++)
            {
                if (Matches(clause[next], phrase[k]))
                {
                    at = next;
                    used[k] = next;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when a negation stands within <see cref="NegationWindow"/> words before the phrase (its words from
    /// <paramref name="start"/> to <paramref name="end"/>), with no break between. "Never" followed by a comparison
    /// anywhere after it in the clause ("I've never had chest pain like this", "never had a pain like this in my chest",
    /// "never had a headache this bad") tells how bad the sign is, not that it is absent.
    /// </summary>
    internal static bool IsNegated(List<string> clause, int start, int end)
    {
        for (var i = start - 1; i >= Math.Max(0, start - NegationWindow); i--)
        {
            if (NegationBreaks.Contains(clause[i]))
            {
                return false;
            }

            if (Negations.Contains(clause[i]))
            {
                // The comparison may stand inside the phrase's gaps: "never had a pain like this in my chest".
                return clause[i] != "never" || !clause.Skip(i + 1).Any(Comparisons.Contains);
            }
        }

        return false;
    }

    internal static bool Matches(string word, PhraseToken token) => Matches(word, StopWords.IsStopWord(word), token);

    /// <summary>
    /// <see cref="Matches(string, PhraseToken)"/> for a word already known to be a stop word or not: a message's words
    /// are each tried against every prefix, and a stop-word lookup hashes the word.
    /// </summary>
    private static bool Matches(string word, bool isStopWord, PhraseToken token)
    {
        if (token.IsPrefix)
        {
            return word.StartsWith(token.Text, StringComparison.Ordinal)
                || (!isStopWord && (token.Text.Length >= 5 && word.Length >= token.Text.Length && EditDistance.WithinOne(word.AsSpan(0, token.Text.Length), token.Text)));
        }

        if (word == token.Text)
        {
            return true;
        }

        // Common words are never typos of something else ("does" is not "dose").
        if (isStopWord || word.Length < MinTypoLength || token.Text.Length < MinTypoLength)
        {
            return false;
        }

        if (word.Length == 4 || token.Text.Length == 4)
        {
            // Four-letter words: only a swap of two letters ("pian" for "pain"), so "shop" is not "stop".
            return word.Length == token.Text.Length && IsSwap(word, token.Text);
        }

        return EditDistance.WithinOne(word, token.Text);
    }

    /// <summary>Whether two different words of one length are the same but for two neighbouring letters swapped.</summary>
    private static bool IsSwap(string a, string b)
    {
        var i = a.AsSpan().CommonPrefixLength(b);
        return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
    }
}
