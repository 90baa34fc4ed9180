namespace IvigBot.Insights;

/// <summary>
/// Groups messages by meaning: each distinct message, most frequent first, joins the first group whose leading
/// message is at least <see cref="Threshold"/> similar, else starts a group.
/// </summary>
public sealed class QuestionGrouper(IQuestionSimilarity similarity)
{
    /// <summary>How similar a message must be to a group's leading message to join it. 0.5 for word overlap.</summary>
    public const double Threshold = 0.5;

    /// <summary>Examples kept per group besides the leading message.</summary>
    public const int MaxExamples = 3;

    public IReadOnlyList<QuestionGroup> Group(IEnumerable<(string Text, long Count)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var groups = new List<(string Lead, long Count, List<string> Examples)>();
        foreach (var (text, count) in messages.OrderByDescending(m => m.Count).ThenBy(m => m.Text, StringComparer.Ordinal))
        {
            var index = groups.FindIndex(g => similarity.Similarity(g.Lead, text) >= Threshold);
            if (index < 0)
            {
                groups.Add((text, count, []));
                continue;
            }

            var group = groups[index];
            if (group.Examples.Count < MaxExamples)
            {
                group.Examples.Add(text);
            }

            groups[index] = (group.Lead, group.Count + count, group.Examples);
        }

        return [.. groups.OrderByDescending(g => g.Count).Select(g => new QuestionGroup(g.Lead, g.Count, g.Examples))];
    }
}
