using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace IvigBot.Analysis;

/// <summary>
/// Question words and filler ("what", "is", "can", "my", "please", "tell me about") that say nothing about which
/// answer fits. Lucene's <see cref="Lucene.Net.Analysis.Core.StopFilter"/> drops them from answer and article text
/// (<see cref="FaqAnalyzer.Text"/>); question and alternate rows keep them (<see cref="FaqAnalyzer.Question"/>), where
/// "how" and "where" tell two questions apart.
/// </summary>
public static class StopWords
{
    /// <summary>The words, lower case, as written after <see cref="NegationFilter"/> (apostrophes gone).</summary>
    public static CharArraySet Set { get; } = new CharArraySet(LuceneVersion.LUCENE_48,
    [
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
    ], ignoreCase: false).AsReadOnly();

    public static bool IsStopWord(string token) => Set.Contains(token);
}
