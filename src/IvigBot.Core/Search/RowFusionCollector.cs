using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IvigBot.Search;

/// <summary>
/// Collects the rows a query matches straight into per-document scores (the scratch of one search): the best question,
/// alternate or passage-text row of each document plus its other rows, each scaled by <see cref="FieldWeights"/>. No
/// hit list is built; the rows arrive in order, so Lucene scores an all-optional query without its bucket table.
/// </summary>
internal sealed class RowFusionCollector(FaqIndex index, FieldWeights weights, SearchScratch scratch) : ICollector
{
    private Scorer? _scorer;
    private int _docBase;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _docBase = context.DocBase;
    }

    public void Collect(int doc)
    {
        var row = _docBase + doc;
        var document = index.RowDocument[row];
        var field = index.RowField[row];
        var weighted = _scorer!.GetScore() * weights[field];
        if (!scratch.Seen[document])
        {
            scratch.Seen[document] = true;
            scratch.Touched.Add(document);
        }

        if (field is IndexField.Question or IndexField.Alternate or IndexField.PassageText)
        {
            scratch.QuestionScore[document] = Math.Max(scratch.QuestionScore[document], weighted);
        }
        else
        {
            scratch.ExtraScore[document] += weighted;
        }
    }
}
