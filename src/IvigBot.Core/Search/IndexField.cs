using IvigBot.Analysis;

namespace IvigBot.Search;

/// <summary>The fields of an index document; each has its own weight in ranking (<see cref="FieldWeights"/>).</summary>
public enum IndexField
{
    /// <summary>An entry's question and each of its alternates, as values of one field, question words kept.</summary>
    Question,

    /// <summary>An entry's answer.</summary>
    Answer,

    /// <summary>An article passage's title and heading.</summary>
    PassageTitle,

    /// <summary>An article passage's text.</summary>
    PassageText,
}

/// <summary>How much a match in each field counts. Questions and alternates above article passages above answer text.</summary>
public sealed record FieldWeights
{
    /// <summary>The Lucene field name of each <see cref="IndexField"/>, in its order.</summary>
    public static IReadOnlyList<string> Names { get; } = [FaqAnalyzer.Question, FaqAnalyzer.Text, FaqAnalyzer.Title, FaqAnalyzer.Passage];

    public double Question { get; init; } = 1.0;

    public double Answer { get; init; } = 0.4;

    public double PassageTitle { get; init; } = 0.25;

    public double PassageText { get; init; } = 0.55;

    public double this[IndexField field] => field switch
    {
        IndexField.Question => Question,
        IndexField.Answer => Answer,
        IndexField.PassageTitle => PassageTitle,
        _ => PassageText,
    };
}
