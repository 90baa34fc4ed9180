using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IvigBot.Evaluation;

/// <summary>Reads JSON Lines files, reporting a malformed line with its number.</summary>
public static class JsonLines
{
    public static List<T> Read<T>(string path, JsonTypeInfo<T> type)
    {
        var items = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
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
}
