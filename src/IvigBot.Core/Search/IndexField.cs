namespace IvigBot.Search;

/// <summary>Which part of a document an index row holds; each has its own weight in ranking.</summary>
public enum IndexField
{
    Question,
    Alternate,
    Answer,
    PassageTitle,
    PassageText,
}

/// <summary>How much a match in each field counts. Question and alternates above answer text above article passages.</summary>
public sealed record FieldWeights
{
    public double Question { get; init; } = 1.0;

    public double Alternate { get; init; } = 0.95;

    public double Answer { get; init; } = 0.4;

    public double PassageTitle { get; init; } = 0.25;

    public double PassageText { get; init; } = 0.55;

    public double this[IndexField field] => field switch
    {
        IndexField.Question => Question,
        IndexField.Alternate => Alternate,
        IndexField.Answer => Answer,
        IndexField.PassageTitle => PassageTitle,
        _ => PassageText,
    };
}
