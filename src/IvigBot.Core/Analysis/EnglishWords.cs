using System.IO.Compression;

namespace IvigBot.Analysis;

/// <summary>
/// About 70,000 common English words (from SCOWL; see english-words.NOTICE.txt), so that spelling
/// correction leaves real words alone: "plain" is not a typo of "pain", nor "saying" of "staying".
/// </summary>
public static class EnglishWords
{
    private static readonly Lazy<HashSet<string>> Words = new(Load);

    public static IReadOnlySet<string> All => Words.Value;

    private static HashSet<string> Load()
    {
        using var stream = typeof(EnglishWords).Assembly.GetManifestResourceStream("IvigBot.Analysis.english-words.txt.gz")
            ?? throw new InvalidOperationException("The embedded English word list is missing from the build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            words.Add(line);
        }

        return words;
    }
}
