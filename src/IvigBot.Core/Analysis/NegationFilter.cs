using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace IvigBot.Analysis;

/// <summary>
/// Turns every way of saying "not" ("doesnt", "didnt", "cant", "never"; apostrophes are gone by now) into the one
/// token "not", which is kept: "what if IVIG doesn't work" asks something else than "how does IVIG work".
/// </summary>
public sealed class NegationFilter : TokenFilter
{
    public const string Not = "not";

    private static readonly CharArraySet Negations = new(LuceneVersion.LUCENE_48,
    [
        "not", "doesnt", "dont", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "cant", "cannot", "couldnt",
        "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "never", "nt",
    ], ignoreCase: false);

    private readonly ICharTermAttribute _term;

    public NegationFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (Negations.Contains(_term.Buffer, 0, _term.Length))
        {
            _term.SetEmpty().Append(Not);
        }

        return true;
    }
}
