using System.Buffers;
using System.Text;

namespace IvigBot.Semantic;

/// <summary>
/// The protobuf wire format, as far as <see cref="LastLayerPruner"/> and <see cref="MatMulQuantizer"/> need it to read and write ONNX models: the
/// fields of one message in order, each with its number, wire type and value; and a writer of fields. Unknown fields
/// are never interpreted, so whatever the rewrite does not touch is copied byte for byte.
/// </summary>
internal static class ProtobufWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    /// <summary>One field of a message: its number and wire type, its value (a varint's value, or the bytes of a length-delimited field), and its whole encoding.</summary>
    public readonly record struct Field(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes, ReadOnlyMemory<byte> Encoded)
    {
        public string Text => Encoding.UTF8.GetString(Bytes.Span);
    }

    /// <summary>The fields of <paramref name="message"/>, in the order they are written.</summary>
    public static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var start = position;
            var key = ReadVarint(message.Span, ref position);
            var number = checked((int)(key >> 3));
            var wireType = (int)(key & 7);
            ulong varint = 0;
            var bytes = ReadOnlyMemory<byte>.Empty;
            switch (wireType)
            {
                case Varint:
                    varint = ReadVarint(message.Span, ref position);
                    break;
                case Fixed64:
                    bytes = message.Slice(position, 8);
                    position += 8;
                    break;
                case LengthDelimited:
                    var length = checked((int)ReadVarint(message.Span, ref position));
                    bytes = message.Slice(position, length);
                    position += length;
                    break;
                case Fixed32:
                    bytes = message.Slice(position, 4);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Protobuf wire type {wireType} is not supported.");
            }

            yield return new Field(number, wireType, varint, bytes, message[start..position]);
        }
    }

    /// <summary>The int64 values of a repeated field written packed (one length-delimited field) or not (one varint each).</summary>
    public static IEnumerable<long> Int64s(Field field)
    {
        if (field.WireType == Varint)
        {
            yield return (long)field.Varint;
            yield break;
        }

        var position = 0;
        while (position < field.Bytes.Length)
        {
            yield return (long)ReadVarint(field.Bytes.Span, ref position);
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }

    /// <summary>Writes fields of one message.</summary>
    public sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> _buffer;

        public Writer(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

        public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

        public Writer Raw(ReadOnlySpan<byte> encoded)
        {
            _buffer.Write(encoded);
            return this;
        }

        public Writer Int64(int number, long value)
        {
            WriteVarint(((ulong)number << 3) | Varint);
            WriteVarint((ulong)value);
            return this;
        }

        public Writer Bytes(int number, ReadOnlySpan<byte> value)
        {
            Header(number, value.Length);
            _buffer.Write(value);
            return this;
        }

        /// <summary>The key and length of a length-delimited field whose <paramref name="length"/> bytes are written after this writer's.</summary>
        public Writer Header(int number, int length)
        {
            WriteVarint(((ulong)number << 3) | LengthDelimited);
            WriteVarint((ulong)length);
            return this;
        }

        public Writer String(int number, string value) => Bytes(number, Encoding.UTF8.GetBytes(value));

        public Writer Message(int number, Writer message) => Bytes(number, message.Written.Span);

        /// <summary>A repeated int64 field, packed.</summary>
        public Writer PackedInt64s(int number, IEnumerable<long> values)
        {
            var packed = new Writer(16);
            foreach (var value in values)
            {
                packed.WriteVarint((ulong)value);
            }

            return Bytes(number, packed.Written.Span);
        }

        private void WriteVarint(ulong value)
        {
            var span = _buffer.GetSpan(10);
            var count = 0;
            while (value >= 0x80)
            {
                span[count++] = (byte)(value | 0x80);
                value >>= 7;
            }

            span[count++] = (byte)value;
            _buffer.Advance(count);
        }
    }
}
