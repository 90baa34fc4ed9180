using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Answering;

/// <summary>What a triage rule does with a message it matches.</summary>
public enum TriageKind
{
    /// <summary>Warning signs: tell the patient to call emergency services first.</summary>
    Emergency,

    /// <summary>A personal treatment decision (dose, skip, stop, switch): refer to the care team.</summary>
    Advice,

    /// <summary>Greetings, thanks, goodbye, help.</summary>
    Smalltalk,
}

/// <summary>One phrase of a rule: word tokens, each either exact (with small typos tolerated) or a prefix ending in <c>*</c>.</summary>
public sealed record TriagePhrase(string Text, IReadOnlyList<PhraseToken> Tokens, SourceLocation Location);

public readonly record struct PhraseToken(string Text, bool IsPrefix);

/// <summary>A message a patient might send that the rule is for, in their own words (matched by meaning, not by words).</summary>
public sealed record TriageExample(string Text, SourceLocation Location);

/// <summary>A rule from <c>faq/triage.md</c>: its kind, the reply, the phrases that trigger it and example messages.</summary>
public sealed record TriageRule(string Name, TriageKind Kind, string Reply, IReadOnlyList<TriagePhrase> Phrases, SourceLocation Location)
{
    /// <summary>
    /// Example messages in patients' own words (<c>examples:</c>): with <c>Answering:Semantic</c>, a message close
    /// enough in meaning to one of them is routed by the rule even when no phrase matches.
    /// </summary>
    public IReadOnlyList<TriageExample> Examples { get; init; } = [];

    /// <summary>
    /// Messages close in meaning to the examples that the rule is not for (<c>not for:</c>): "my head has been aching
    /// since the drip, is that normal?" beside the stiff-neck rule's examples. A message routed by meaning must be closer
    /// to one of the rule's examples than to any of these.
    /// </summary>
    public IReadOnlyList<TriageExample> NotFor { get; init; } = [];

    public static IReadOnlyList<PhraseToken> ParsePhrase(string phrase)
    {
        var tokens = new List<PhraseToken>();
        foreach (var part in phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = part.EndsWith('*');
            var words = FaqAnalyzer.RawWordsOf(prefix ? part[..^1] : part);
            for (var i = 0; i < words.Count; i++)
            {
                tokens.Add(new PhraseToken(words[i], prefix && i == words.Count - 1));
            }
        }

        return tokens;
    }
}
