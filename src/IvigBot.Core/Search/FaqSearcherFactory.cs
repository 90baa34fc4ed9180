using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace IvigBot.Search;

/// <summary>Makes the <see cref="IndexSearcher"/>s of a <see cref="SearcherManager"/> score with the similarity the index was written with.</summary>
internal sealed class FaqSearcherFactory(Similarity similarity) : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
}
