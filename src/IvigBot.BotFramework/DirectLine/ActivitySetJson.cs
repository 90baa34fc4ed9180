using System.Globalization;
using System.Text.Json;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// Writes a Direct Line <c>ActivitySet</c>, <c>{"activities":[...],"watermark":"N"}</c>, from activities that are
/// already serialized, for GET responses and WebSocket frames alike. The watermark is a string, as clients expect.
/// </summary>
internal static class ActivitySetJson
{
    public static byte[] Write(IReadOnlyList<byte[]> activities, long watermark)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + activities.Sum(a => a.Length));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var activity in activities)
            {
                writer.WriteRawValue(activity, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("watermark", watermark.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
