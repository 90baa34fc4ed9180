using IvigBot.Content;
using IvigBot.Semantic;

namespace IvigBot.Answering;

/// <summary>A document considered for a question: its search score, the bot's confidence in it and, with meaning on, the signals that confidence was computed from.</summary>
public sealed record RankedCandidate(FaqDocument Document, double Score, double Confidence, ConfidenceFeatures? Features = null);
