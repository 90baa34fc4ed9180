namespace IvigBot.Semantic;

/// <summary>
/// The lowest and highest similarities of one message over every document of the bank, to put a document's
/// similarity on the same 0-to-1 scale as the search score relative to the best: 0 for the farthest document, 1 for
/// the closest. The raw cosines of a sentence model crowd into a narrow band (0.6 to 0.9 for every IVIG question), so
/// that a raw weight would mean something different for every message.
/// </summary>
public readonly record struct MeaningRange(double QuestionLow, double QuestionHigh, double AnswerLow, double AnswerHigh, double DocumentLow, double DocumentHigh)
{
    /// <summary>The range of <paramref name="similarities"/> (one per document, from <see cref="SemanticIndex.Compare"/>).</summary>
    public static MeaningRange Of(ReadOnlySpan<MeaningSimilarity> similarities)
    {
        double questionLow = double.MaxValue, questionHigh = double.MinValue, answerLow = double.MaxValue, answerHigh = double.MinValue;
        double documentLow = double.MaxValue, documentHigh = double.MinValue;
        foreach (var s in similarities)
        {
            questionLow = Math.Min(questionLow, s.Question);
            questionHigh = Math.Max(questionHigh, s.Question);
            answerLow = Math.Min(answerLow, s.Answer);
            answerHigh = Math.Max(answerHigh, s.Answer);
            documentLow = Math.Min(documentLow, s.Document);
            documentHigh = Math.Max(documentHigh, s.Document);
        }

        return new MeaningRange(questionLow, questionHigh, answerLow, answerHigh, documentLow, documentHigh);
    }

    /// <summary>The closest phrasing's cosine on the 0-to-1 scale (0 when every document is equally close).</summary>
    public double QuestionCloseness(in MeaningSimilarity similarity) => Rescale(similarity.Question, QuestionLow, QuestionHigh);

    /// <summary>The answer's cosine on the 0-to-1 scale (0 when every answer is equally close).</summary>
    public double AnswerCloseness(in MeaningSimilarity similarity) => Rescale(similarity.Answer, AnswerLow, AnswerHigh);

    /// <summary>The whole document's cosine (question and answer together) on the 0-to-1 scale.</summary>
    public double DocumentCloseness(in MeaningSimilarity similarity) => Rescale(similarity.Document, DocumentLow, DocumentHigh);

    private static double Rescale(double value, double low, double high) => high > low ? (value - low) / (high - low) : 0;
}
