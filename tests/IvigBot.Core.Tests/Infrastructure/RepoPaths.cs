namespace IvigBot.Core.Tests.Infrastructure;

/// <summary>Paths in the repository the tests were built from, found by walking up to the folder holding IvigBot.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Faq => Path.Combine(Root, "faq");

    public static string TriageFile => Path.Combine(Faq, "triage.md");

    public static string EvalQuestions => EvalSet("questions");

    public static string OwnWordsQuestions => EvalSet("questions-own-words");

    public static string RewordedQuestions => EvalSet("questions-reworded");

    /// <summary>A question set under tests/eval by its file name without the extension ("questions-holdout3").</summary>
    public static string EvalSet(string name) => Path.Combine(Root, "tests", "eval", name + ".jsonl");

    public static string AppSettings => Path.Combine(Root, "appsettings.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IvigBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding IvigBot.sln above {AppContext.BaseDirectory}.");
    }
}
