using IvigBot.Analysis;
using IvigBot.Answering;

namespace IvigBot.Content;

/// <summary>
/// Loads the content folder: <c>entries/*.md</c> (FAQ entries), <c>articles/*.md|txt</c> (articles split
/// into passages), <c>synonyms.txt</c> and <c>triage.md</c>. Problems are collected with their file and
/// line; what is valid is still loaded.
/// </summary>
public static class FaqContentLoader
{
    public const string EntriesFolder = "entries";
    public const string ArticlesFolder = "articles";
    public const string SynonymsFile = "synonyms.txt";
    public const string TriageFile = "triage.md";

    public static FaqContent Load(string folder)
    {
        var problems = new List<ContentProblem>();
        var documents = new List<FaqDocument>();
        var synonyms = SynonymMap.Empty;
        IReadOnlyList<TriageRule> rules = [];

        if (!Directory.Exists(folder))
        {
            problems.Add(new ContentProblem(new SourceLocation(folder, 0), ProblemSeverity.Error, "the content folder does not exist"));
            return new FaqContent { Documents = documents, Synonyms = synonyms, TriageRules = rules, Problems = problems };
        }

        foreach (var path in Files(folder, EntriesFolder, "*.md"))
        {
            if (Read(folder, path, problems) is { } text)
            {
                documents.AddRange(FaqEntryParser.Parse(Relative(folder, path), text, problems));
            }
        }

        if (documents.Count == 0)
        {
            problems.Add(new ContentProblem(new SourceLocation(EntriesFolder, 0), ProblemSeverity.Error, "no FAQ entries were found (expected Markdown files in faq/entries/)"));
        }

        foreach (var path in Files(folder, ArticlesFolder, "*.md").Concat(Files(folder, ArticlesFolder, "*.txt")).Order(StringComparer.Ordinal))
        {
            if (Read(folder, path, problems) is { } text)
            {
                documents.AddRange(ArticleParser.Parse(Relative(folder, path), text, problems));
            }
        }

        var firstById = new Dictionary<string, FaqDocument>(StringComparer.Ordinal);
        foreach (var document in documents.ToList())
        {
            if (!firstById.TryAdd(document.Id, document))
            {
                problems.Add(new ContentProblem(document.Location, ProblemSeverity.Error,
                    $"id '{document.Id}' is already used at {firstById[document.Id].Location}; ids must be unique"));
                documents.Remove(document);
            }
        }

        var synonymsPath = Path.Combine(folder, SynonymsFile);
        if (File.Exists(synonymsPath) && Read(folder, synonymsPath, problems) is { } synonymText)
        {
            synonyms = SynonymMap.Parse(SynonymsFile, synonymText, problems);
        }

        var triagePath = Path.Combine(folder, TriageFile);
        if (!File.Exists(triagePath))
        {
            problems.Add(new ContentProblem(new SourceLocation(TriageFile, 0), ProblemSeverity.Error,
                "the safety rules file is missing; without it emergencies would not be recognised"));
        }
        else if (Read(folder, triagePath, problems) is { } triageText)
        {
            rules = TriageRuleParser.Parse(TriageFile, triageText, problems);
        }

        return new FaqContent { Documents = documents, Synonyms = synonyms, TriageRules = rules, Problems = problems };
    }

    private static IEnumerable<string> Files(string folder, string sub, string pattern)
    {
        var path = Path.Combine(folder, sub);
        return Directory.Exists(path)
            ? Directory.EnumerateFiles(path, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
    }

    private static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    private static string? Read(string folder, string path, List<ContentProblem> problems)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ContentProblem(new SourceLocation(Relative(folder, path), 0), ProblemSeverity.Error, $"cannot read the file: {e.Message}"));
        }

        return null;
    }
}
