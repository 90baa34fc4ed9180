using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Search;

/// <summary>A document found for a query, with its fused relevance score (higher is better).</summary>
public readonly record struct ScoredPassage(FaqDocument Document, double Score);

/// <summary>
/// The narrow seam between answering and the search engine: ranked documents for an analysed query.
/// SQLite FTS5 implements it today (<see cref="FaqSearcher"/>); Lucene.NET could tomorrow.
/// Implementations are thread-safe.
/// </summary>
public interface IFaqSearcher
{
    IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit);
}
