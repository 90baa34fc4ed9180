using System.Numerics.Tensors;
using IvigBot.Answering;

namespace IvigBot.Semantic;

/// <summary>
/// Routes a message by meaning to the triage rule whose example messages (<see cref="TriageRule.Examples"/>) it is
/// closest to, when no phrase of the rules matched. A rule is chosen only when the message is close enough to one of
/// its examples (<see cref="SemanticWeights.TriageThreshold"/>, per kind) and clearly closer to it than to any FAQ
/// question (<see cref="SemanticWeights.TriageMargin"/>):
/// "what is aseptic meningitis?" is nearer the FAQ's question than any patient's account of a stiff neck and a
/// pounding head, so it is answered. A message with a negation ("no", "haven't", "doesn't", …;
/// <see cref="TriageMatcher.HasNegation"/>) is compared only with the examples that have one too: meaning alone cannot
/// tell "I don't have chest pain" from "I have chest pain", but "I haven't had a wee since the drip" is close to an
/// example told the same way, and "I don't have a fever, is a rash normal?" to none. Emergency rules come first, then
/// advice, then small talk. Immutable, thread-safe.
/// </summary>
public sealed class SemanticTriage
{
    private readonly float[] _examples;
    private readonly TriageRule[] _exampleRule;

    /// <summary>Per example: whether it has a negation (<see cref="TriageMatcher.HasNegation"/>).</summary>
    private readonly bool[] _exampleNegated;

    private readonly SemanticWeights _weights;

    private SemanticTriage(float[] examples, TriageRule[] exampleRule, bool[] exampleNegated, SemanticWeights weights)
    {
        _examples = examples;
        _exampleRule = exampleRule;
        _exampleNegated = exampleNegated;
        _weights = weights;
    }

    /// <summary>Encodes every rule's examples (through the cache in <paramref name="cacheFolder"/>).</summary>
    public static SemanticTriage Build(IEnumerable<TriageRule> rules, SentenceEmbedder embedder, string cacheFolder, SemanticWeights weights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var pairs = rules.SelectMany(r => r.Examples.Select(e => (Rule: r, e.Text))).ToList();
        var vectors = DocumentVectorCache.Embed(embedder, [.. pairs.Select(p => p.Text)], cacheFolder, cancellationToken);
        return new SemanticTriage(
            [.. vectors.SelectMany(v => v)], [.. pairs.Select(p => p.Rule)], [.. pairs.Select(p => TriageMatcher.HasNegation(p.Text))], weights);
    }

    /// <summary>
    /// The rule <paramref name="message"/> (a query vector) is for, by meaning; null when none is close enough or when
    /// the message is about as close to a FAQ question (<paramref name="closestQuestion"/>, the highest phrasing cosine).
    /// When <paramref name="negated"/> (the message has a negation), only the examples with a negation are compared.
    /// </summary>
    public TriageRule? Match(float[] message, bool negated, double closestQuestion)
    {
        ArgumentNullException.ThrowIfNull(message);
        TriageRule? best = null;
        var bestCosine = double.MinValue;
        for (var row = 0; row < _exampleRule.Length; row++)
        {
            if (negated && !_exampleNegated[row])
            {
                continue;
            }

            var rule = _exampleRule[row];
            var cosine = TensorPrimitives.Dot(message.AsSpan(), _examples.AsSpan(row * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions));
            if (cosine < _weights.TriageThreshold(rule.Kind) || cosine < closestQuestion + _weights.TriageMargin)
            {
                continue;
            }

            // The most urgent kind wins (TriageKind is ordered emergency, advice, small talk); within a kind, the closest example.
            if (best is null || rule.Kind < best.Kind || (rule.Kind == best.Kind && cosine > bestCosine))
            {
                best = rule;
                bestCosine = cosine;
            }
        }

        return best;
    }
}
