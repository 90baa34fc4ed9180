using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// The Bot Framework wire (activities, expected replies, invoke bodies, error bodies), read and written as the SDK
/// does it: Newtonsoft with the SDK's own settings (<see cref="HttpHelper.BotMessageSerializerSettings"/>), in this one
/// place. Written compact (the SDK indents), and UTC timestamps with <c>Z</c>. Strings are escaped exactly as
/// Newtonsoft escapes them, with a faster path for the usual ones (see <see cref="WireJsonTextWriter"/>); the shared
/// buttons of cached answers (<see cref="FrozenSuggestedActions"/>) are serialized once and then copied.
/// </summary>
public static class BotFrameworkJson
{
    private static readonly ActivityJsonConverter ActivityConverter;

    private static readonly JsonSerializer Serializer = CreateSerializer(out ActivityConverter);

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Larger builders are not kept (see <see cref="Release"/>).</summary>
    private const int MaxCachedTextCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? CachedText;

    /// <summary>
    /// The SDK's settings, compact, with the converters for frozen buttons and for activities (<see cref="ActivityJsonConverter"/>,
    /// which hands what it does not write itself to the same serializer without it). On these serializers only, not the
    /// SDK's settings.
    /// </summary>
    private static JsonSerializer CreateSerializer(out ActivityJsonConverter activities)
    {
        var serializer = CreatePlainSerializer();
        activities = new ActivityJsonConverter(serializer, CreatePlainSerializer());
        serializer.Converters.Add(activities);
        return serializer;
    }

    private static JsonSerializer CreatePlainSerializer()
    {
        var serializer = JsonSerializer.Create(HttpHelper.BotMessageSerializerSettings);
        serializer.Formatting = Formatting.None;
        serializer.MaxDepth = 64; // deeper JSON is refused (400), whatever the SDK's settings say
        serializer.Converters.Add(new FrozenSuggestedActionsConverter());
        return serializer;
    }

    /// <summary>The activity in <paramref name="json"/>; null when it is not a JSON object.</summary>
    public static Activity? TryReadActivity(byte[] json)
    {
        try
        {
            return ReadActivity(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The activity in <paramref name="json"/>; null for <c>null</c>. Throws a <see cref="JsonException"/> (with the path
    /// of the field, when a field has the wrong type) for anything else that is not one activity object.
    /// </summary>
    public static Activity? ReadActivity(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);

        // Decoded (without a byte-order mark) into a pooled buffer, not a string: the reader copies what it keeps.
        var bytes = json.AsSpan(json.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0);
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(bytes.Length));
        try
        {
            using var reader = new JsonTextReader(new CharArrayReader(chars, Encoding.UTF8.GetChars(bytes, chars))) { ArrayPool = SharedCharPool.Instance };
            if (!reader.Read() || reader.TokenType == JsonToken.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonToken.StartObject)
            {
                throw new JsonSerializationException("The body must be one JSON object.");
            }

            return Serializer.Deserialize<Activity>(reader);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// The first <paramref name="length"/> characters of <paramref name="chars"/> as a <see cref="TextReader"/>, as a
    /// <see cref="StringReader"/> reads a string.
    /// </summary>
    private sealed class CharArrayReader(char[] chars, int length) : TextReader
    {
        private int _position;

        public override int Peek() => _position < length ? chars[_position] : -1;

        public override int Read() => _position < length ? chars[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var read = Math.Min(buffer.Length, length - _position);
            chars.AsSpan(_position, read).CopyTo(buffer);
            _position += read;
            return read;
        }
    }

    /// <summary><paramref name="value"/> as compact UTF-8 JSON.</summary>
    public static byte[] Write(object value)
    {
        var text = WriteText(value);
        var bytes = new byte[Utf8Length(text)];
        Encode(text, bytes);
        Release(text);
        return bytes;
    }

    /// <summary>
    /// Writes <paramref name="value"/> as the whole response with its Content-Length: replies are a few kilobytes, so
    /// one serialization and one write cost less than streaming them in chunks. The JSON is encoded straight into the
    /// response's buffer, without an array of its own.
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, int status, object value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = WriteText(value);
        var length = Utf8Length(text);
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = length;
        var body = response.BodyWriter;
        Encode(text, body.GetSpan(length));
        body.Advance(length);
        Release(text);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="value"/> written into this thread's StringBuilder, to be encoded straight from its chunks and then
    /// given back with <see cref="Release"/> before the thread awaits anything: a reply is a few kilobytes, and neither
    /// a new builder nor an intermediate string is allocated for it.
    /// </summary>
    private static StringBuilder WriteText(object value)
    {
        var text = CachedText ??= new StringBuilder(4096);
        text.Clear();
        using (var json = new WireJsonTextWriter(new StringWriter(text, CultureInfo.InvariantCulture)) { ArrayPool = SharedCharPool.Instance })
        {
            // The answer to every expectReplies turn: written by the activity converter without Newtonsoft's walk.
            if (value is not ExpectedReplies replies || !ActivityConverter.TryWrite(json, replies))
            {
                Serializer.Serialize(json, value);
            }
        }

        return text;
    }

    private static int Utf8Length(StringBuilder text)
    {
        var length = 0;
        foreach (var chunk in text.GetChunks())
        {
            length += Encoding.UTF8.GetByteCount(chunk.Span);
        }

        return length;
    }

    private static void Encode(StringBuilder text, Span<byte> destination)
    {
        var written = 0;
        foreach (var chunk in text.GetChunks())
        {
            written += Encoding.UTF8.GetBytes(chunk.Span, destination[written..]);
        }
    }

    /// <summary>Larger builders (a rare huge reply) are not kept.</summary>
    private static void Release(StringBuilder text)
    {
        if (text.Capacity > MaxCachedTextCapacity)
        {
            CachedText = null;
        }
    }

    /// <summary>
    /// Writes a <see cref="FrozenSuggestedActions"/> as the JSON of a plain <see cref="SuggestedActions"/> with the same
    /// fields, made once per object with this same serializer and writer, so the bytes are those of the walk it saves.
    /// </summary>
    internal sealed class FrozenSuggestedActionsConverter : JsonConverter
    {
        public override bool CanRead => false;

        public override bool CanConvert(Type objectType) => objectType == typeof(FrozenSuggestedActions);

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
            throw new NotSupportedException("Frozen suggested actions are only written.");

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            writer.WriteRawValue(Json((FrozenSuggestedActions)value!));
        }

        /// <summary>The JSON of <paramref name="frozen"/>, made on its first write.</summary>
        internal static string Json(FrozenSuggestedActions frozen) =>
            frozen.Json ??= WriteText(new SuggestedActions(frozen.To, frozen.Actions));

        /// <summary>Its own text writer: the thread's cached builder is in use by the write this is part of.</summary>
        private static string WriteText(SuggestedActions plain)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var json = new WireJsonTextWriter(text) { ArrayPool = SharedCharPool.Instance })
            {
                Serializer.Serialize(json, plain);
            }

            return text.ToString();
        }
    }

    /// <summary>Newtonsoft's reader and writer buffers from <see cref="ArrayPool{T}.Shared"/> instead of new arrays.</summary>
    private sealed class SharedCharPool : IArrayPool<char>
    {
        public static readonly SharedCharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }

    /// <summary>
    /// Newtonsoft's <see cref="JsonTextWriter"/> with two changes. A UTC <see cref="DateTimeOffset"/> is written with an
    /// explicit <c>Z</c> (protocol A2043: <c>timestamp</c> is UTC with <c>Z</c>; Web Chat orders by it), where Newtonsoft
    /// would write <c>+00:00</c>; other offsets (a client's <c>localTimestamp</c>) are written as they are. And strings
    /// and property names are escaped with vectorized searches instead of Newtonsoft's character loop (about 4 % of
    /// <c>/api/messages</c>' CPU for a reply of a few kilobytes): names with nothing to escape are written as they are;
    /// values are written in runs between the characters Newtonsoft escapes, each escaped as Newtonsoft does
    /// (<c>\n</c>, <c>\"</c>, <c>\u001f</c>, ...); a value with NEL or a line or paragraph separator is left to Newtonsoft.
    /// The output is the same character for character (a test compares every UTF-16 code unit with Newtonsoft's own writer).
    /// </summary>
    internal sealed class WireJsonTextWriter(TextWriter writer) : JsonTextWriter(writer)
    {
        /// <summary>The ASCII characters Newtonsoft escapes: control characters, quote and backslash.</summary>
        private static readonly SearchValues<char> Escaped = SearchValues.Create(
            string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\");

        /// <summary>How Newtonsoft escapes each of <see cref="Escaped"/> (<c>\n</c>, <c>\u001f</c>, ...), by character code.</summary>
        private static readonly string[] Escapes = [.. Enumerable.Range(0, '\\' + 1).Select(c => (char)c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => "\\u" + c.ToString("x4", CultureInfo.InvariantCulture),
                _ => string.Empty, // not escaped, never looked up
            })];

        private readonly TextWriter _text = writer;

        /// <summary>Only with Newtonsoft's default escaping and double quotes; anything else is left to Newtonsoft.</summary>
        private bool Plain => StringEscapeHandling == StringEscapeHandling.Default && QuoteChar == '"' && QuoteName;

        public override void WritePropertyName(string name)
        {
            if (!Plain || name.AsSpan().ContainsAny(Escaped) || HasSeparators(name))
            {
                base.WritePropertyName(name);
                return;
            }

            base.WritePropertyName(name, escape: false);
        }

        public override void WriteValue(string? value)
        {
            if (value is null || !Plain || HasSeparators(value))
            {
                base.WriteValue(value);
                return;
            }

            WriteRawValue(string.Empty); // the writer's state and separators, as for any value
            _text.Write('"');
            var rest = value.AsSpan();
            int next;
            while ((next = rest.IndexOfAny(Escaped)) >= 0)
            {
                _text.Write(rest[..next]);
                _text.Write(Escapes[rest[next]]);
                rest = rest[(next + 1)..];
            }

            _text.Write(rest);
            _text.Write('"');
        }

        /// <summary>NEL, line and paragraph separators, which Newtonsoft also escapes: rare, so left to Newtonsoft.</summary>
        private static bool HasSeparators(string text) => text.AsSpan().IndexOfAny('\u0085', '\u2028', '\u2029') >= 0;

        public override void WriteValue(DateTimeOffset value)
        {
            if (value.Offset == TimeSpan.Zero)
            {
                WriteValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                return;
            }

            base.WriteValue(value);
        }

        public override void WriteValue(DateTimeOffset? value)
        {
            if (value is { } present)
            {
                WriteValue(present);
                return;
            }

            base.WriteValue(value);
        }
    }

    /// <summary>The protocol's error body, <c>{"error":{"code","message"}}</c>, with <paramref name="status"/>.</summary>
    public static Task WriteErrorAsync(HttpResponse response, int status, string code, string message, CancellationToken cancellationToken) =>
        WriteAsync(response, status, new ErrorResponse(new Error(code, message)), cancellationToken);
}
