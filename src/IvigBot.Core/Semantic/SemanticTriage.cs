using System.Numerics.Tensors;
using IvigBot.Answering;

namespace IvigBot.Semantic;

/// <summary>
/// Routes a message by meaning to the triage rule whose example messages (<see cref="TriageRule.Examples"/>) it is
/// closest to, when no phrase of the rules matched. A rule is chosen only when the message is close enough to one of
/// its examples (<see cref="SemanticWeights.TriageThreshold"/>, per kind) and clearly closer to it than to any FAQ
/// question (<see cref="SemanticWeights.TriageMargin"/>):
/// "what is aseptic meningitis?" is nearer the FAQ's question than any patient's account of a stiff neck and a
/// pounding head, so it is answered. A rule's "not for" messages (<see cref="TriageRule.NotFor"/>) hold it back from
/// messages closer to them than to its examples ("my head has been aching since the drip, is that normal?"). A message
/// with a negation ("no", "haven't", "doesn't", …;
/// <see cref="TriageMatcher.HasNegation"/>) is compared only with the examples that have one too: meaning alone cannot
/// tell "I don't have chest pain" from "I have chest pain", but "I haven't had a wee since the drip" is close to an
/// example told the same way, and "I don't have a fever, is a rash normal?" to none. Emergency rules come first, then
/// advice, then small talk. Immutable, thread-safe.
/// </summary>
public sealed class SemanticTriage
{
    private readonly float[] _examples;

    /// <summary>Per example: the index of its rule in <see cref="_rules"/>.</summary>
    private readonly int[] _exampleRule;

    /// <summary>Per example: whether it is a message the rule is not for (<see cref="TriageRule.NotFor"/>).</summary>
    private readonly bool[] _exampleNotFor;

    /// <summary>Per example: whether it has a negation (<see cref="TriageMatcher.HasNegation"/>).</summary>
    private readonly bool[] _exampleNegated;

    private readonly TriageRule[] _rules;
    private readonly SemanticWeights _weights;

    private SemanticTriage(float[] examples, int[] exampleRule, bool[] exampleNotFor, bool[] exampleNegated, TriageRule[] rules, SemanticWeights weights)
    {
        _examples = examples;
        _exampleRule = exampleRule;
        _exampleNotFor = exampleNotFor;
        _exampleNegated = exampleNegated;
        _rules = rules;
        _weights = weights;
    }

    /// <summary>Encodes every rule's examples and "not for" messages (through the cache in <paramref name="cacheFolder"/>).</summary>
    public static SemanticTriage Build(IEnumerable<TriageRule> rules, SentenceEmbedder embedder, string cacheFolder, SemanticWeights weights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var ruleList = rules.ToArray();
        var rows = ruleList.SelectMany((r, index) => r.Examples.Select(e => (Rule: index, NotFor: false, e.Text))
            .Concat(r.NotFor.Select(e => (Rule: index, NotFor: true, e.Text)))).ToList();
        var vectors = DocumentVectorCache.Embed(embedder, [.. rows.Select(p => p.Text)], cacheFolder, cancellationToken);
        return new SemanticTriage(
            [.. vectors.SelectMany(v => v)],
            [.. rows.Select(p => p.Rule)],
            [.. rows.Select(p => p.NotFor)],
            [.. rows.Select(p => TriageMatcher.HasNegation(p.Text))],
            ruleList,
            weights);
    }

    /// <summary>
    /// The rule <paramref name="message"/> (a query vector) is for, by meaning; null when none is close enough, when
    /// the message is about as close to a FAQ question (<paramref name="closestQuestion"/>, the highest phrasing cosine),
    /// or when it is at least as close to one of the rule's "not for" messages as to its closest example.
    /// When <paramref name="negated"/> (the message has a negation), only the examples and "not for" messages with a
    /// negation are compared; otherwise every example, and the "not for" messages without one.
    /// </summary>
    public TriageRule? Match(float[] message, bool negated, double closestQuestion)
    {
        ArgumentNullException.ThrowIfNull(message);
        // A triage file has a score of rules; a very long one would not fit on the stack.
        var onStack = _rules.Length <= 128;
        Span<double> closest = onStack ? stackalloc double[_rules.Length] : new double[_rules.Length];
        Span<double> closestNotFor = onStack ? stackalloc double[_rules.Length] : new double[_rules.Length];
        closest.Fill(double.MinValue);
        closestNotFor.Fill(double.MinValue);
        for (var row = 0; row < _exampleRule.Length; row++)
        {
            // A "not for" message holds a rule back only from messages told as it is: "I don't have chest pain, just a
            // cough" must not hold back "I have chest pain".
            if ((negated && !_exampleNegated[row]) || (_exampleNotFor[row] && _exampleNegated[row] != negated))
            {
                continue;
            }

            var cosine = TensorPrimitives.Dot(message.AsSpan(), _examples.AsSpan(row * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions));
            ref var best = ref (_exampleNotFor[row] ? ref closestNotFor[_exampleRule[row]] : ref closest[_exampleRule[row]]);
            best = Math.Max(best, cosine);
        }

        TriageRule? chosen = null;
        var chosenCosine = double.MinValue;
        for (var r = 0; r < _rules.Length; r++)
        {
            var rule = _rules[r];
            var cosine = closest[r];
            if (cosine < _weights.TriageThreshold(rule.Kind) || cosine < closestQuestion + _weights.TriageMargin || cosine <= closestNotFor[r])
            {
                continue;
            }

            // The most urgent kind wins (TriageKind is ordered emergency, advice, small talk); within a kind, the closest example.
            if (chosen is null || rule.Kind < chosen.Kind || (rule.Kind == chosen.Kind && cosine > chosenCosine))
            {
                chosen = rule;
                chosenCosine = cosine;
            }
        }

        return chosen;
    }
}
