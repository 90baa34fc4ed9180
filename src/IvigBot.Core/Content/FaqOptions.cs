namespace IvigBot.Content;

/// <summary>Settings of the <c>Faq</c> section of <c>appsettings.json</c>.</summary>
public sealed class FaqOptions
{
    public const string Section = "Faq";

    /// <summary>The content folder; a relative path is taken from the current folder, then from the repository the program was built in. Default "faq".</summary>
    public string Path { get; set; } = "faq";

    /// <summary>
    /// When true, the service watches the content folder and swaps in a freshly built index after an edit (a broken
    /// edit keeps the last good content serving). Default: true.
    /// </summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>How long the folder must stay unchanged before a reload starts, so a save in several steps is read once. Default: 500 ms.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the folder is also checked without a file-system notification (network shares, containers). Default: 2 seconds.</summary>
    public TimeSpan ReloadPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The content folder as an absolute path: <see cref="Path"/> if rooted or found from the current folder, else found in a parent folder of the program.</summary>
    public string ResolvePath()
    {
        if (System.IO.Path.IsPathRooted(Path) || Directory.Exists(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, Path);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return System.IO.Path.GetFullPath(Path);
    }
}
