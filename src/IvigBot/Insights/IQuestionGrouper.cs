namespace IvigBot.Insights;

/// <summary>
/// Groups (redacted) patient messages by meaning for the editor's report: similar messages together, with their
/// total count. The implementation today is lexical (<see cref="WordOverlapGrouper"/>); a sentence embedding model can
/// implement this interface later (embed each message once, compare by cosine) without changing the report.
/// </summary>
public interface IQuestionGrouper
{
    /// <summary>
    /// The groups, largest total count first; each led by its most frequent message, with up to
    /// <see cref="QuestionGroup.MaxExamples"/> other messages as examples.
    /// </summary>
    IReadOnlyList<QuestionGroup> Group(IEnumerable<(string Text, long Count)> messages);
}
