using IvigBot.Analysis;
using IvigBot.Answering;

namespace IvigBot.Content;

/// <summary>Everything loaded from the content folder, with the problems found while loading it.</summary>
public sealed class FaqContent
{
    public required IReadOnlyList<FaqDocument> Documents { get; init; }

    public required SynonymMap Synonyms { get; init; }

    public required IReadOnlyList<TriageRule> TriageRules { get; init; }

    public required IReadOnlyList<ContentProblem> Problems { get; init; }

    public IEnumerable<FaqDocument> Entries => Documents.Where(d => d.Kind == FaqDocumentKind.Entry);

    public IEnumerable<FaqDocument> Passages => Documents.Where(d => d.Kind == FaqDocumentKind.Passage);

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
