using IvigBot.Content;

namespace IvigBot.Insights;

/// <summary>
/// Groups (redacted) patient messages by meaning for the editor's report: similar messages together, with their
/// total count. <see cref="MeaningGrouper"/> compares sentence vectors (with <c>Answering:Semantic</c> on),
/// <see cref="WordOverlapGrouper"/> the words messages share (with it off).
/// </summary>
public interface IQuestionGrouper
{
    /// <summary>
    /// The groups, largest total count first; each led by its most frequent message, with up to
    /// <see cref="QuestionGroup.MaxExamples"/> other messages as examples.
    /// <paramref name="entries"/> are the FAQ entries being served: the questions of the domain, for a grouper that
    /// needs to know what they have in common.
    /// </summary>
    IReadOnlyList<QuestionGroup> Group(IEnumerable<(string Text, long Count)> messages, IReadOnlyCollection<FaqDocument> entries, CancellationToken cancellationToken = default);
}
