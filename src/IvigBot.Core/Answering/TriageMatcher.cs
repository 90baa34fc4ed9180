using IvigBot.Analysis;

namespace IvigBot.Answering;

/// <summary>A rule that matched a message, and which phrase did.</summary>
public sealed record TriageMatch(TriageRule Rule, TriagePhrase Phrase, IReadOnlyList<string> OtherTokens);

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

    /// <summary>How many words before a phrase are searched for a negation.</summary>
    public const int NegationWindow = 3;

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "no", "not", "never", "without", "dont", "didnt", "doesnt", "isnt", "arent", "wasnt", "havent", "hasnt", "hadnt", "nor", "denies",
    };

    /// <summary>
    /// Words that end a negation's reach before the phrase: a new statement ("no fever and chest pain", "no energy, now
    /// chest pain") or a negated verb that is about something else ("the tablets didn't help my chest pain", "nothing
    /// helps"). Missing an emergency is worse than answering one too many, so when in doubt the phrase counts.
    /// </summary>
    private static readonly HashSet<string> NegationBreaks = new(StringComparer.Ordinal)
    {
        "and", "so", "now", "then", "yet", "plus", "also", "still", "because", "since", "until", "while", "when", "but",
        "help", "helps", "helped", "helping", "stop", "stops", "stopped", "work", "works", "worked", "improve", "improved",
        "better", "ease", "eased", "relieve", "relieved", "away", "know", "sure", "think", "understand", "care", "matter",
        "wait", "want",
    };

    private static readonly char[] ClauseBreaks = ['.', ',', ';', '!', '?', '\n', ':', '(', ')'];

    private readonly IReadOnlyList<TriageRule> _rules;

    public TriageMatcher(IEnumerable<TriageRule> rules)
    {
        _rules = rules.OrderBy(r => r.Kind).ToList();
    }

    public IReadOnlyList<TriageRule> Rules => _rules;

    public TriageMatch? Match(string message)
    {
        var clauses = SplitClauses(message);
        foreach (var rule in _rules)
        {
            foreach (var phrase in rule.Phrases)
            {
                foreach (var clause in clauses)
                {
                    if (FindUnnegated(clause, phrase.Tokens) is { } used)
                    {
                        var others = clauses.SelectMany((c, ci) => c.Where((_, ti) => !(ReferenceEquals(c, clause) && used.Contains(ti)))).ToList();
                        return new TriageMatch(rule, phrase, others);
                    }
                }
            }
        }

        return null;
    }

    internal static List<List<string>> SplitClauses(string message)
    {
        var clauses = new List<List<string>>();
        foreach (var part in message.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries))
        {
            var current = new List<string>();
            foreach (var token in FaqTokenizer.TokenizeRaw(part))
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

    /// <summary>The positions of the phrase's words in the clause, for the first occurrence not preceded by a negation.</summary>
    private static HashSet<int>? FindUnnegated(List<string> clause, IReadOnlyList<PhraseToken> phrase)
    {
        for (var start = 0; start < clause.Count; start++)
        {
            if (!Matches(clause[start], phrase[0]))
            {
                continue;
            }

            var used = new HashSet<int> { start };
            var at = start;
            var ok = true;
            for (var k = 1; k < phrase.Count && ok; k++)
            {
                ok = false;
                for (var next = at + 1; next < clause.Count && next <= at + 1 + MaxGap; next++)
                {
                    if (Matches(clause[next], phrase[k]))
                    {
                        at = next;
                        used.Add(next);
                        ok = true;
                        break;
                    }
                }
            }

            if (ok && !IsNegated(clause, start))
            {
                return used;
            }
        }

        return null;
    }

    /// <summary>True when a negation stands within <see cref="NegationWindow"/> words before the phrase, with no break between.</summary>
    private static bool IsNegated(List<string> clause, int start)
    {
        for (var i = start - 1; i >= Math.Max(0, start - NegationWindow); i--)
        {
            if (NegationBreaks.Contains(clause[i]))
            {
                return false;
            }

            if (Negations.Contains(clause[i]))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool Matches(string word, PhraseToken token)
    {
        if (token.IsPrefix)
        {
            return word.StartsWith(token.Text, StringComparison.Ordinal)
                || (!StopFilter.IsStopWord(word) && (token.Text.Length >= 5 && word.Length >= token.Text.Length && EditDistance.WithinOne(word.AsSpan(0, token.Text.Length), token.Text)));
        }

        if (word == token.Text)
        {
            return true;
        }

        // Common words are never typos of something else ("does" is not "dose").
        if (StopFilter.IsStopWord(word) || word.Length < 4 || token.Text.Length < 4)
        {
            return false;
        }

        if (word.Length == 4 || token.Text.Length == 4)
        {
            // Four-letter words: only a swap of two letters ("pian" for "pain"), so "shop" is not "stop".
            return word.Length == token.Text.Length && EditDistance.WithinOne(word, token.Text)
                && word.Order().SequenceEqual(token.Text.Order());
        }

        return EditDistance.WithinOne(word, token.Text);
    }
}
