namespace IvigBot.Content;

/// <summary>
/// The lines of a content file with HTML comments (<c>&lt;!-- … --&gt;</c>) blanked out, so that every
/// line keeps its number for messages to editors.
/// </summary>
internal sealed class ContentLines
{
    private ContentLines(string file, string[] lines)
    {
        File = file;
        Lines = lines;
    }

    /// <summary>The file's path relative to the content folder, with forward slashes.</summary>
    public string File { get; }

    public string[] Lines { get; }

    public int Count => Lines.Length;

    public string this[int index] => Lines[index];

    public SourceLocation At(int index) => new(File, index + 1);

    public static ContentLines Parse(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var inComment = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var kept = new System.Text.StringBuilder(line.Length);
            var pos = 0;
            while (pos < line.Length)
            {
                if (inComment)
                {
                    var end = line.IndexOf("-->", pos, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        pos = line.Length;
                        break;
                    }

                    pos = end + 3;
                    inComment = false;
                }
                else
                {
                    var start = line.IndexOf("<!--", pos, StringComparison.Ordinal);
                    if (start < 0)
                    {
                        kept.Append(line, pos, line.Length - pos);
                        break;
                    }

                    kept.Append(line, pos, start - pos);
                    pos = start + 4;
                    inComment = true;
                }
            }

            lines[i] = kept.ToString().TrimEnd();
        }

        return new ContentLines(file, lines);
    }

    public static bool IsBlank(string line) => line.Length == 0 || string.IsNullOrWhiteSpace(line);

    /// <summary>The text of a Markdown heading of exactly <paramref name="level"/> hashes, or null.</summary>
    public static string? Heading(string line, int level)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length <= level || trimmed[..level] != new string('#', level) || trimmed[level] != ' ')
        {
            return null;
        }

        return trimmed[(level + 1)..].Trim().TrimEnd('#').Trim();
    }
}
