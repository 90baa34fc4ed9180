using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Search;

/// <summary>A document found for a query, with its fused relevance score (higher is better).</summary>
public readonly record struct ScoredPassage(FaqDocument Document, double Score);

/// <summary>
/// The narrow seam between answering and the search engine: ranked documents for an analysed query.
/// Lucene.NET is behind it (<see cref="FaqSearcher"/> over <see cref="FaqIndex"/>); answering reads only this.
/// Implementations are thread-safe.
/// </summary>
public interface IFaqSearcher
{
    IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit);
}
