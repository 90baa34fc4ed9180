using IvigBot.Analysis;

namespace IvigBot.Search;

/// <summary>
/// Lexical search of one <see cref="FaqIndex"/>: the documents a question's terms find, ranked by BM25, and why a
/// document was found. <see cref="FaqSearcher"/> is Lucene behind it. <c>AnswerEngine</c> ranks what it finds; the
/// <c>search</c> command shows editors which entries a wording reaches and by which words.
/// </summary>
public interface IFaqSearcher
{
    /// <summary>The index searched: its documents and the parser that turns a question into an <see cref="AnalyzedQuery"/>.</summary>
    FaqIndex Index { get; }

    /// <summary>The best <paramref name="limit"/> documents for <paramref name="query"/>, best first, ties by id.</summary>
    IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit);

    /// <summary>
    /// Whether every searched term of <paramref name="query"/> is in half of the documents or more ("What is IVIG?" in an
    /// IVIG FAQ): BM25 can then hardly tell the documents apart, and a caller may want more of them to judge.
    /// </summary>
    bool AllTermsCommon(AnalyzedQuery query);

    /// <summary>
    /// The words of <paramref name="query"/> that the document at <paramref name="ordinal"/> (its position in
    /// <see cref="FaqIndex.Documents"/>) matched in the search <see cref="Search"/> runs, each in each field, with what
    /// it adds to the document's score; the largest first.
    /// </summary>
    IReadOnlyList<TermMatch> Matches(AnalyzedQuery query, int ordinal);
}

/// <summary>A word or phrase of a question that a document matched in one field.</summary>
/// <param name="Words">The word or phrase as the question has it (spelling corrected; a synonym as asked).</param>
/// <param name="Field">The field it matched in.</param>
/// <param name="Score">What the match adds to the document's BM25 score, the field's weight included.</param>
public sealed record TermMatch(string Words, IndexField Field, double Score);
