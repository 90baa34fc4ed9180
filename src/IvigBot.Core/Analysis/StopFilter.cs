using System.Collections.Frozen;

namespace IvigBot.Analysis;

/// <summary>
/// Drops question words and filler ("what", "is", "can", "my", "please", "tell me about") that say
/// nothing about which answer fits.
/// </summary>
public static class StopFilter
{
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "about", "actually", "all", "also", "am", "an", "and", "any", "anything", "are", "as", "at",
        "be", "been", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "dont",
        "explain", "for", "from", "get", "gets", "getting", "got", "had", "has", "have", "having", "he", "her",
        "here", "hers", "him", "his", "how", "i", "id", "if", "im", "in", "into", "is", "it", "its",
        "ive", "just", "kind", "know", "let", "lot", "me", "might", "mine", "must", "my", "myself", "no",
        "of", "on", "or", "our", "please", "really", "say", "shall", "she", "should", "so", "some",
        "someone", "something", "stuff", "tell", "than", "that", "thats", "the", "their", "them", "then",
        "there", "these", "they", "thing", "things", "this", "those", "to", "too", "u", "us", "very", "was",
        "we", "were", "what", "whats", "when", "where", "which", "while", "who", "whom", "whose", "why",
        "will", "with", "would", "wondering", "you", "your", "youre", "yours", "ill", "youll", "theyre", "theyll",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsStopWord(string token) => StopWords.Contains(token);
}
