using IvigBot.Content;

namespace IvigBot.Search;

/// <summary>A document found for a query, with its fused relevance score (higher is better).</summary>
/// <param name="Document">The document.</param>
/// <param name="Score">Its fused BM25 score.</param>
/// <param name="Ordinal">Its position in <see cref="FaqIndex.Documents"/>, where its per-document statistics are.</param>
public readonly record struct ScoredPassage(FaqDocument Document, double Score, int Ordinal);
