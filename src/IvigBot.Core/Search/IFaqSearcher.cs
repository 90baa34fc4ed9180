using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Search;

/// <summary>A document found for a query, with its fused relevance score (higher is better).</summary>
/// <param name="Document">The document.</param>
/// <param name="Score">Its fused BM25 score.</param>
/// <param name="Ordinal">Its position in <see cref="FaqIndex.Documents"/>, where its per-document statistics are.</param>
public readonly record struct ScoredPassage(FaqDocument Document, double Score, int Ordinal);

/// <summary>
/// The narrow seam between answering and the search engine: ranked documents for an analysed query.
/// Lucene.NET is behind it (<see cref="FaqSearcher"/> over <see cref="FaqIndex"/>); answering reads only this.
/// Implementations are thread-safe.
/// </summary>
public interface IFaqSearcher
{
    IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit);
}
