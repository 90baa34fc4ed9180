namespace IvigBot.Content;

/// <summary>
/// The <c>key: value</c> lines (and <c>- item</c> lists under a key) that follow a heading in every content
/// file: <c>id:</c>, <c>source:</c>, <c>also asked as:</c>, <c>kind:</c>, <c>phrases:</c> and so on.
/// </summary>
internal sealed class HeaderBlock
{
    private readonly Dictionary<string, List<(string Value, int Line)>> _fields = new(StringComparer.OrdinalIgnoreCase);

    private HeaderBlock()
    {
    }

    /// <summary>The index of the first line after the header (and after one blank line, if any).</summary>
    public int End { get; private set; }

    public IReadOnlyCollection<string> Keys => _fields.Keys;

    /// <summary>
    /// Reads header lines from <paramref name="start"/>. A line is a header line when it is
    /// <c>key: value</c> with a key from <paramref name="knownKeys"/>, or a list item under a key that takes one.
    /// </summary>
    public static HeaderBlock Read(ContentLines lines, int start, IReadOnlySet<string> knownKeys)
    {
        var block = new HeaderBlock();
        string? listKey = null;
        var i = start;
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (ContentLines.IsBlank(line) || ContentLines.Heading(line, 1) is not null || ContentLines.Heading(line, 2) is not null)
            {
                break;
            }

            var trimmed = line.Trim();
            if (listKey is not null && (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("* ", StringComparison.Ordinal)))
            {
                block.Add(listKey, trimmed[2..].Trim(), i + 1);
                continue;
            }

            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                break;
            }

            var key = NormalizeKey(trimmed[..colon]);
            if (!knownKeys.Contains(key))
            {
                break;
            }

            var value = trimmed[(colon + 1)..].Trim();
            listKey = key;
            if (value.Length > 0)
            {
                block.Add(key, value, i + 1);
            }
            else
            {
                block._fields.TryAdd(key, []);
            }
        }

        block.End = i < lines.Count && ContentLines.IsBlank(lines[i]) ? i + 1 : i;
        return block;
    }

    public static string NormalizeKey(string key) => string.Join(' ', key.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public bool Has(string key) => _fields.ContainsKey(key);

    public IReadOnlyList<(string Value, int Line)> All(string key) =>
        _fields.TryGetValue(key, out var values) ? values : [];

    public (string Value, int Line)? First(string key) =>
        _fields.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;

    private void Add(string key, string value, int line)
    {
        if (!_fields.TryGetValue(key, out var values))
        {
            values = [];
            _fields[key] = values;
        }

        values.Add((value, line));
    }
}
