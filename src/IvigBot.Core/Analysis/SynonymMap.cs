using IvigBot.Content;

namespace IvigBot.Analysis;

/// <summary>
/// Groups of words and phrases that mean the same ("ivig = intravenous immunoglobulin = igiv"), read from
/// <c>faq/synonyms.txt</c>. <see cref="FaqAnalyzer"/> turns them into Lucene's synonym map, whose filter matches them on
/// stems ("kidneys" finds the group of "kidney"); the spelling correction reads the phrases' words.
/// </summary>
public sealed class SynonymMap
{
    private readonly Dictionary<string, List<(string[] Stems, string[] Words, int Group)>> _byFirstStem = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<string[]>> _groups = [];

    public static SynonymMap Empty { get; } = new();

    /// <summary>Each group's phrases, as token arrays.</summary>
    public IReadOnlyList<IReadOnlyList<string[]>> Groups => _groups;

    public int LongestPhrase { get; private set; }

    /// <summary>
    /// The token that stands for a whole group in the index: every row that contains any phrase of group
    /// <paramref name="group"/> also carries this token, so a question searches one token for the group instead of
    /// every phrase in it (index-time synonyms, as Lucene's SynonymGraphFilter does at index time).
    /// </summary>
    public static string GroupToken(int group) => GroupPrefix + group.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private const string GroupPrefix = "syngroup";

    /// <summary>The group a <see cref="GroupToken"/> stands for, or null for any other term.</summary>
    public static int? GroupOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return term.StartsWith(GroupPrefix, StringComparison.Ordinal)
            && int.TryParse(term.AsSpan(GroupPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var group)
            ? group : null;
    }

    /// <summary>Reads <c>a = b = c</c> lines; <c>#</c> starts a comment. Groups that share a phrase are merged.</summary>
    public static SynonymMap Parse(string file, string text, ICollection<ContentProblem> problems)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var groups = new List<List<string[]>>();
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var phrases = line.Split('=')
                .Select(p => FaqAnalyzer.WordsOf(p).ToArray())
                .Where(p => p.Length > 0)
                .ToList();
            if (phrases.Count < 2)
            {
                problems.Add(new ContentProblem(new SourceLocation(file, i + 1), ProblemSeverity.Error,
                    "a synonym line needs two or more words or phrases separated by '='"));
                continue;
            }

            // Merge with any group that already holds one of these phrases.
            var target = phrases.Select(p => groupOf.GetValueOrDefault(Key(p), -1)).FirstOrDefault(g => g >= 0, -1);
            if (target < 0)
            {
                target = groups.Count;
                groups.Add([]);
            }

            foreach (var phrase in phrases)
            {
                if (groupOf.TryAdd(Key(phrase), target))
                {
                    groups[target].Add(phrase);
                }
            }
        }

        var map = new SynonymMap();
        foreach (var group in groups)
        {
            map.Add(group);
        }

        return map;
    }

    /// <summary>
    /// The word a synonym phrase expects after <paramref name="previous"/> (stems) when <paramref name="stem"/> is its stem
    /// or one edit off it ("guillain" then "bare" → "barre"), or null. The spelling corrector leaves real English words such as
    /// "bare" alone, but in a known phrase the typo is plain. The phrase's first word must match exactly, and words
    /// shorter than four letters too; the longest run of <paramref name="previous"/> a phrase continues wins.
    /// </summary>
    public string? PhraseWordFor(IReadOnlyList<string> previous, string stem)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(stem);
        for (var start = 0; start < previous.Count; start++)
        {
            if (!_byFirstStem.TryGetValue(previous[start], out var candidates))
            {
                continue;
            }

            var matched = previous.Count - start;
            foreach (var (phrase, words, _) in candidates)
            {
                if (phrase.Length > matched && Continues(previous, start, phrase, matched)
                    && (phrase[matched] == stem || (stem.Length >= 4 && phrase[matched].Length >= 4 && EditDistance.WithinOne(stem, phrase[matched]))))
                {
                    return words[matched];
                }
            }
        }

        return null;
    }

    /// <summary>Whether the first <paramref name="length"/> stems of <paramref name="phrase"/> are those of <paramref name="stems"/> from <paramref name="start"/>.</summary>
    private static bool Continues(IReadOnlyList<string> stems, int start, string[] phrase, int length)
    {
        for (var k = 0; k < length; k++)
        {
            if (stems[start + k] != phrase[k])
            {
                return false;
            }
        }

        return true;
    }

    private static string Key(string[] phrase) => string.Join(' ', phrase.Select(LightStemmer.Stem));

    private void Add(List<string[]> group)
    {
        var index = _groups.Count;
        _groups.Add(group);
        foreach (var phrase in group)
        {
            var stems = phrase.Select(LightStemmer.Stem).ToArray();
            if (!_byFirstStem.TryGetValue(stems[0], out var list))
            {
                list = [];
                _byFirstStem[stems[0]] = list;
            }

            list.Add((stems, phrase, index));
            LongestPhrase = Math.Max(LongestPhrase, stems.Length);
        }
    }
}
