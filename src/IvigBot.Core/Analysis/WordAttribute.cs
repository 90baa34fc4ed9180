using System.Diagnostics.CodeAnalysis;
using Lucene.Net.Util;

namespace IvigBot.Analysis;

/// <summary>
/// A token's word as <see cref="SpellingCorrectionFilter"/> left it (corrected, not stemmed) and the word's light stem,
/// carried along the rest of the chain, so that one pass over a question gives its words, their stems, its index terms
/// and its synonym groups.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "Lucene names token attributes *Attribute and finds the implementation of IXAttribute by its name, XAttribute.")]
public interface IWordAttribute : IAttribute
{
    /// <summary>The word; empty for a token the chain added (a synonym group token).</summary>
    string Word { get; set; }

    /// <summary>The word's <see cref="LightStemmer"/> stem, as confidence compares words; empty for a token the chain added.</summary>
    string Stem { get; set; }
}

/// <summary>Lucene's implementation of <see cref="IWordAttribute"/> (found by its name).</summary>
[SuppressMessage("Naming", "CA1711", Justification = "Lucene names token attributes *Attribute and finds the implementation of IXAttribute by its name, XAttribute.")]
public sealed class WordAttribute : Lucene.Net.Util.Attribute, IWordAttribute
{
    public string Word { get; set; } = string.Empty;

    public string Stem { get; set; } = string.Empty;

    public override void Clear()
    {
        Word = string.Empty;
        Stem = string.Empty;
    }

    public override void CopyTo(IAttribute target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var word = (IWordAttribute)target;
        word.Word = Word;
        word.Stem = Stem;
    }
}
