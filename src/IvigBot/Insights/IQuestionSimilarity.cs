namespace IvigBot.Insights;

/// <summary>
/// How alike two (redacted) patient messages are in meaning, 0 (unrelated) to 1 (the same). The editor's report groups
/// unanswered messages with it. The implementation today is lexical (<see cref="WordOverlapSimilarity"/>); a sentence
/// embedding model can implement this interface later without changing the report.
/// </summary>
public interface IQuestionSimilarity
{
    double Similarity(string first, string second);
}
