using System.Diagnostics.CodeAnalysis;
using Lucene.Net.Util;

namespace IvigBot.Analysis;

/// <summary>
/// A token's word as <see cref="SpellingCorrectionFilter"/> left it (corrected, not stemmed), carried along the rest of the
/// chain, so that one pass over a question gives its words, its index terms and its synonym groups.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "Lucene names token attributes *Attribute and finds the implementation of IXAttribute by its name, XAttribute.")]
public interface IWordAttribute : IAttribute
{
    /// <summary>The word; empty for a token the chain added (a synonym group token).</summary>
    string Word { get; set; }
}

/// <summary>Lucene's implementation of <see cref="IWordAttribute"/> (found by its name).</summary>
[SuppressMessage("Naming", "CA1711", Justification = "Lucene names token attributes *Attribute and finds the implementation of IXAttribute by its name, XAttribute.")]
public sealed class WordAttribute : Lucene.Net.Util.Attribute, IWordAttribute
{
    public string Word { get; set; } = string.Empty;

    public override void Clear() => Word = string.Empty;

    public override void CopyTo(IAttribute target)
    {
        ArgumentNullException.ThrowIfNull(target);
        ((IWordAttribute)target).Word = Word;
    }
}
