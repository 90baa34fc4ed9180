using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace IvigBot.Analysis;

/// <summary>
/// Joins the letters of a dotted acronym, so that "I.V.I.G." is the word "ivig" and "I.V." is "iv":
/// <see cref="Lucene.Net.Analysis.Standard.StandardTokenizer"/> keeps a dot between letters inside one token
/// ("i.v.i.g"), a word no entry has. Lucene's <c>ClassicFilter</c> does the same, but only for the acronym tokens of
/// <c>ClassicTokenizer</c>. Only single letters between dots are joined: "3.5" and "ivig.the" stay as they are.
/// </summary>
public sealed class AcronymFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public AcronymFilter(TokenStream input)
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
        if (IsDottedAcronym(buffer, length))
        {
            var kept = 0;
            for (var i = 0; i < length; i += 2)
            {
                buffer[kept++] = buffer[i];
            }

            _term.Length = kept;
        }

        return true;
    }

    /// <summary>Letter, dot, letter (, dot, letter ...): single letters at the even places, dots at the odd ones.</summary>
    private static bool IsDottedAcronym(char[] buffer, int length)
    {
        if (length < 3 || length % 2 == 0)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (i % 2 == 0 ? !char.IsLetter(buffer[i]) : buffer[i] != '.')
            {
                return false;
            }
        }

        return true;
    }
}
