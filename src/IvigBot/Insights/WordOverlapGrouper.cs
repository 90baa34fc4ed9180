using System.Runtime.InteropServices;
using IvigBot.Content;

namespace IvigBot.Insights;

/// <summary>
/// Lexical grouping: each distinct message, most frequent first, joins the first group whose leading message shares at
/// least <see cref="Threshold"/> of their content words (Jaccard overlap), else starts a group. Content words: lower
/// case, a plural "s" removed; question words, words under three letters and redaction tags such as <c>[word]</c> left
/// out. Each message's words are computed once, and only groups whose lead shares a word with it are compared. Used
/// when <c>Answering:Semantic</c> is off (no model loaded); the FAQ entries play no part.
/// </summary>
public sealed class WordOverlapGrouper : IQuestionGrouper
{
    /// <summary>The share of content words two messages must have in common to be grouped.</summary>
    public const double Threshold = 0.5;

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "what", "how", "does", "doe", "can", "should", "will", "would", "could", "why",
        "when", "where", "who", "which", "are", "was", "were", "have", "has", "had", "you", "your", "this", "that",
        "there", "about", "from", "get", "any", "not", "but", "its", "it's", "i'm", "ive", "i've",
    };

    public IReadOnlyList<QuestionGroup> Group(IEnumerable<(string Text, long Count)> messages, IReadOnlyCollection<FaqDocument> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var groups = new List<(string Lead, HashSet<string> Words, long Count, List<string> Examples)>();

        // Only groups whose lead shares a word can reach the threshold: find them through the leads' words.
        var groupsByWord = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var wordless = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (text, count) in messages.OrderByDescending(m => m.Count).ThenBy(m => m.Text, StringComparer.Ordinal))
        {
            var words = Words(text);
            var index = words.Count == 0 ? wordless.GetValueOrDefault(text, -1) : FirstMatch(groups, groupsByWord, text, words);
            if (index < 0)
            {
                index = groups.Count;
                groups.Add((text, words, count, []));
                foreach (var word in words)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(groupsByWord, word, out _) ??= [];
                    groupsByWord[word].Add(index);
                }

                if (words.Count == 0)
                {
                    wordless[text] = index;
                }

                continue;
            }

            var group = groups[index];
            if (group.Examples.Count < QuestionGroup.MaxExamples)
            {
                group.Examples.Add(text);
            }

            groups[index] = group with { Count = group.Count + count };
        }

        return [.. groups.OrderByDescending(g => g.Count).Select(g => new QuestionGroup(g.Lead, g.Count, g.Examples))];
    }

    /// <summary>The first group (in order of creation) whose lead is similar enough, or -1.</summary>
    private static int FirstMatch(
        List<(string Lead, HashSet<string> Words, long Count, List<string> Examples)> groups,
        Dictionary<string, List<int>> groupsByWord,
        string text,
        HashSet<string> words)
    {
        var best = -1;
        foreach (var word in words)
        {
            if (!groupsByWord.TryGetValue(word, out var candidates))
            {
                continue;
            }

            foreach (var index in candidates)
            {
                if (best >= 0 && index >= best)
                {
                    break; // the lists are in order of creation
                }

                if (Similarity(groups[index].Lead, groups[index].Words, text, words) >= Threshold)
                {
                    best = index;
                }
            }
        }

        return best;
    }

    /// <summary>The Jaccard overlap of two messages' content words; messages without any are alike only when equal.</summary>
    public static double Similarity(string first, IReadOnlySet<string> firstWords, string second, IReadOnlySet<string> secondWords)
    {
        ArgumentNullException.ThrowIfNull(firstWords);
        ArgumentNullException.ThrowIfNull(secondWords);
        if (firstWords.Count == 0 || secondWords.Count == 0)
        {
            return string.Equals(first, second, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        var shared = firstWords.Count(secondWords.Contains);
        return (double)shared / (firstWords.Count + secondWords.Count - shared);
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
