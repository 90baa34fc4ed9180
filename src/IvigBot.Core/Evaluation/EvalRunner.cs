using IvigBot.Answering;
using IvigBot.Semantic;

namespace IvigBot.Evaluation;

/// <summary>A question the bot got wrong: what was expected and what it did.</summary>
public sealed record EvalMiss(EvalQuestion Expected, AnswerKind GotKind, string? GotId, double Confidence, int? ExpectedRank);

/// <summary>
/// A question the engine decided by confidence (not by a triage rule), with its first candidate's signals: the rows
/// <c>tests/eval/fit-confidence.py</c> fits <see cref="ConfidenceModel"/> on (meaning on) and <c>tests/eval/fit-ranking.py</c>
/// fits the order on.
/// </summary>
/// <param name="Expected">The question and what it expects.</param>
/// <param name="GotKind">The reply's kind.</param>
/// <param name="FirstId">The first candidate's entry id.</param>
/// <param name="FirstIsExpected">Whether the first candidate is the expected entry (always false for a question that expects no answer).</param>
/// <param name="Features">The first candidate's signals of the confidence; null with meaning off.</param>
/// <param name="Candidates">All the candidates, in the engine's order, with the signals of their order and confidence (to refit the order's <see cref="SemanticWeights"/>).</param>
/// <param name="EveryDocument">
/// With <c>rankEveryDocument</c> and meaning on, every document ranked as a candidate (the pool of the BM25 results and
/// all documents by meaning), to try other orders and pools; otherwise null.
/// </param>
public sealed record EvalDecision(EvalQuestion Expected, AnswerKind GotKind, string FirstId, bool FirstIsExpected, ConfidenceFeatures? Features, IReadOnlyList<RankedCandidate> Candidates, IReadOnlyList<RankedCandidate>? EveryDocument = null);

/// <summary>The figures of one evaluation run.</summary>
public sealed record EvalReport
{
    public required int Total { get; init; }

    /// <summary>Share of all questions with the right kind (and, for answers, the right entry).</summary>
    public required double Accuracy { get; init; }

    /// <summary>Share of answer questions whose reply is an answer with the expected entry.</summary>
    public required double AnswerTop1 { get; init; }

    /// <summary>Mean reciprocal rank of the expected entry among the first five candidates, over answer questions.</summary>
    public required double AnswerMrr5 { get; init; }

    /// <summary>Per expected kind: how many questions, and the share answered with that kind (and entry).</summary>
    public required IReadOnlyDictionary<AnswerKind, (int Count, double Accuracy)> PerKind { get; init; }

    public required IReadOnlyList<EvalMiss> Misses { get; init; }

    /// <summary>The questions decided by confidence, with the first candidate's signals.</summary>
    public required IReadOnlyList<EvalDecision> Decisions { get; init; }
}

/// <summary>Runs the team's question set through the engine and measures how often it replies as expected.</summary>
public static class EvalRunner
{
    /// <param name="engine">The engine to measure.</param>
    /// <param name="questions">The questions and what each expects.</param>
    /// <param name="rankEveryDocument">Also rank every document for each decision (<see cref="EvalDecision.EveryDocument"/>), to refit the order.</param>
    public static EvalReport Run(AnswerEngine engine, IReadOnlyList<EvalQuestion> questions, bool rankEveryDocument = false)
    {
        var misses = new List<EvalMiss>();
        var decisions = new List<EvalDecision>();
        var correctByKind = new Dictionary<AnswerKind, (int Count, int Correct)>();
        double reciprocalRanks = 0;
        foreach (var question in questions)
        {
            var result = engine.Answer(question.Question, out var ranked);
            var correct = result.Kind == question.Kind && (question.Kind != AnswerKind.Answer || result.Id == question.Id);
            int? rank = null;
            if (question.Kind == AnswerKind.Answer)
            {
                var position = (ranked ?? engine.Rank(question.Question)).Take(5).ToList().FindIndex(c => c.Document.Id == question.Id);
                rank = position < 0 ? null : position + 1;
                reciprocalRanks += rank is { } r ? 1.0 / r : 0;
            }

            if (result.Kind is AnswerKind.Answer or AnswerKind.Clarify or AnswerKind.Fallback && ranked is [var first, ..])
            {
                var everyDocument = rankEveryDocument && engine.Semantic ? engine.Rank(question.Question, engine.Index.Documents.Count) : null;
                decisions.Add(new EvalDecision(question, result.Kind, first.Document.Id, question.Kind == AnswerKind.Answer && first.Document.Id == question.Id, first.Features, ranked, everyDocument));
            }

            var (count, right) = correctByKind.GetValueOrDefault(question.Kind);
            correctByKind[question.Kind] = (count + 1, right + (correct ? 1 : 0));
            if (!correct)
            {
                misses.Add(new EvalMiss(question, result.Kind, result.Id, result.Confidence, rank));
            }
        }

        var answers = correctByKind.GetValueOrDefault(AnswerKind.Answer);
        return new EvalReport
        {
            Total = questions.Count,
            Accuracy = Ratio(questions.Count - misses.Count, questions.Count),
            AnswerTop1 = Ratio(answers.Correct, answers.Count),
            AnswerMrr5 = answers.Count == 0 ? 0 : reciprocalRanks / answers.Count,
            PerKind = correctByKind.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => (kv.Value.Count, Ratio(kv.Value.Correct, kv.Value.Count))),
            Misses = misses,
            Decisions = decisions,
        };
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
