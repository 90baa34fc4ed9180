namespace IvigBot.Content;

public enum ProblemSeverity
{
    Warning,
    Error,
}

/// <summary>Something wrong in a content file, reported to editors with its file and line.</summary>
public sealed record ContentProblem(SourceLocation Location, ProblemSeverity Severity, string Message)
{
    public override string ToString() =>
        $"{Location}: {(Severity == ProblemSeverity.Error ? "error" : "warning")}: {Message}";
}
