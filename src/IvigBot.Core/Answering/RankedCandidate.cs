using IvigBot.Content;
using IvigBot.Semantic;

namespace IvigBot.Answering;

/// <summary>A document considered for a question: its search score, the bot's confidence in it and, with meaning on, the signals that confidence was computed from.</summary>
/// <param name="Document">The document.</param>
/// <param name="Score">Its BM25 score (0 when only meaning found it).</param>
/// <param name="Confidence">The confidence, 0 to 1, that it answers the question.</param>
/// <param name="Features">With meaning on, the signals of the confidence (<see cref="ConfidenceModel"/>); null with meaning off.</param>
/// <param name="Order">The signals its place in the order was computed from (<see cref="OrderFeatures"/>).</param>
public sealed record RankedCandidate(FaqDocument Document, double Score, double Confidence, ConfidenceFeatures? Features, OrderFeatures Order);

/// <summary>
/// What places a candidate in the order: a weighted sum of these signals (<see cref="RankingWeights.ScoreWeight"/> with
/// meaning off, <see cref="SemanticWeights.Order"/> with meaning on).
/// </summary>
/// <param name="Lexical">The lexical confidence times the content words' share of the question (<c>ContentShare</c>).</param>
/// <param name="Wording">The wording similarity times the rest of the share.</param>
/// <param name="Score">The BM25 score relative to the best candidate's, 0 to 1 (0 for a candidate found by meaning only).</param>
/// <param name="QuestionCosine">The cosine of the message and the closest phrasing (0 with meaning off).</param>
/// <param name="AnswerCosine">The cosine of the message and the answer (0 with meaning off).</param>
/// <param name="QuestionCloseness">The closest phrasing's cosine rescaled over the bank, 0 to 1 (<see cref="MeaningRange"/>; 0 with meaning off).</param>
/// <param name="AnswerCloseness">The answer's cosine rescaled over the bank, 0 to 1 (0 with meaning off).</param>
/// <param name="DocumentCosine">The cosine of the message and the question and answer encoded together (0 with meaning off).</param>
/// <param name="DocumentCloseness">That cosine rescaled over the bank, 0 to 1 (0 with meaning off).</param>
public readonly record struct OrderFeatures(double Lexical, double Wording, double Score, double QuestionCosine, double AnswerCosine, double QuestionCloseness, double AnswerCloseness, double DocumentCosine = 0, double DocumentCloseness = 0);
