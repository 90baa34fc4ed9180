using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IvigBot.Evaluation;

/// <summary>Reads JSON Lines files (gzipped when the name ends in <c>.gz</c>), reporting a malformed line with its number.</summary>
public static class JsonLines
{
    public static List<T> Read<T>(string path, JsonTypeInfo<T> type)
    {
        var items = new List<T>();
        var number = 0;
        foreach (var line in ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                items.Add(JsonSerializer.Deserialize(line, type) ?? throw new JsonException("the line is null"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: {e.Message}", e);
            }
        }

        return items;
    }

    /// <summary>The lines of a text file, unzipped on the fly when its name ends in <c>.gz</c>.</summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in File.ReadLines(path))
            {
                yield return line;
            }

            yield break;
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
