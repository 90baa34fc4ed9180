namespace IvigBot.BrowserTests;

/// <summary>The repository the tests were built from, found by walking up to the folder holding IvigBot.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IvigBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IvigBot.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    /// <summary>The first <paramref name="language"/> code block after <paramref name="heading"/> in a Markdown file of the repository.</summary>
    public static string CodeBlock(string file, string heading, string language)
    {
        var text = File.ReadAllText(Path.Combine(Root, file));
        var section = text[text.IndexOf(heading, StringComparison.Ordinal)..];
        var fence = "```" + language + "\n";
        var start = section.IndexOf(fence, StringComparison.Ordinal) + fence.Length;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
