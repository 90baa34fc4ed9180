namespace IvigBot.Insights;

/// <summary>
/// Lexical similarity: the Jaccard overlap of the messages' content words (lower case, a plural "s" removed; question
/// words, very short words and redaction tags such as <c>[word]</c> left out).
/// </summary>
public sealed class WordOverlapSimilarity : IQuestionSimilarity
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "what", "how", "does", "doe", "can", "should", "will", "would", "could", "why",
        "when", "where", "who", "which", "are", "was", "were", "have", "has", "had", "you", "your", "this", "that",
        "there", "about", "from", "get", "any", "not", "but", "its", "it's", "i'm", "ive", "i've",
    };

    public double Similarity(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = Words(first);
        var b = Words(second);
        if (a.Count == 0 || b.Count == 0)
        {
            return string.Equals(first, second, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>The content words of a message.</summary>
    public static HashSet<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split([' ', '\t', '\n', '\r', ',', '.', '?', '!', ';', ':', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith('[') || raw.Length < 3)
            {
                continue;
            }

            var word = raw.ToLowerInvariant();
            if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                word = word[..^1];
            }

            if (!Ignored.Contains(word))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
