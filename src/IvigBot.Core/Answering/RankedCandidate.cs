using IvigBot.Content;

namespace IvigBot.Answering;

/// <summary>A document considered for a question: its search score and the bot's confidence in it.</summary>
public sealed record RankedCandidate(FaqDocument Document, double Score, double Confidence);
