using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace IvigBot.Analysis;

/// <summary>
/// Drops the apostrophes inside a word, so that "can't" and "cant", "patient's" and "patients" are the same token
/// (<see cref="Lucene.Net.Analysis.Standard.StandardTokenizer"/> keeps an apostrophe between letters, and
/// <see cref="Lucene.Net.Analysis.Miscellaneous.ASCIIFoldingFilter"/> has already made every typographic one "'").
/// Unlike Lucene's Turkish <c>ApostropheFilter</c>, the letters after the apostrophe stay.
/// </summary>
public sealed class InnerApostropheFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public InnerApostropheFilter(TokenStream input)
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

        var buffer = _term.Buffer;
        var length = _term.Length;
        var kept = 0;
        for (var i = 0; i < length; i++)
        {
            if (buffer[i] != '\'')
            {
                buffer[kept++] = buffer[i];
            }
        }

        if (kept != length)
        {
            _term.Length = kept;
        }

        return true;
    }
}
