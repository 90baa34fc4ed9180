using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace IvigBot.Cli;

/// <summary>
/// Draws the two icons a Teams app package needs (protocol doc 5.6), in code so the repository holds no binaries: a
/// 192×192 colour icon (a white drop on the accent colour) and a 32×32 outline icon (the drop's outline in white on a
/// transparent background). Edges are anti-aliased by 4×4 supersampling. Both are 8-bit RGBA PNGs.
/// </summary>
public static class TeamsAppIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;
    private const int Samples = 4;

    /// <summary>The 192×192 colour icon: <paramref name="accentColor"/> (<c>#RRGGBB</c>) with a white drop.</summary>
    public static byte[] Color(string accentColor)
    {
        ArgumentNullException.ThrowIfNull(accentColor);
        var (r, g, b) = ParseColor(accentColor);
        // Radius 40: the drop is 116 px tall (2.9 radii), centred with 38 px above and below.
        var drop = new Drop(ColorSize / 2.0, 114, 40);
        var pixels = new byte[ColorSize * ColorSize * 4];
        for (var y = 0; y < ColorSize; y++)
        {
            for (var x = 0; x < ColorSize; x++)
            {
                var cover = Coverage(x, y, drop.Contains);
                var i = ((y * ColorSize) + x) * 4;
                pixels[i] = Blend(r, 255, cover);
                pixels[i + 1] = Blend(g, 255, cover);
                pixels[i + 2] = Blend(b, 255, cover);
                pixels[i + 3] = 255;
            }
        }

        return EncodePng(ColorSize, ColorSize, pixels);
    }

    /// <summary>The 32×32 outline icon: white only, the rest fully transparent.</summary>
    public static byte[] Outline()
    {
        // Tip at y = 2, bottom at y = 29.8; the hollow inside leaves a stroke of about 2 px.
        var outer = new Drop(OutlineSize / 2.0, 20.24, 9.6);
        var inner = new Drop(OutlineSize / 2.0, 19.94, 7.4);
        var pixels = new byte[OutlineSize * OutlineSize * 4];
        for (var y = 0; y < OutlineSize; y++)
        {
            for (var x = 0; x < OutlineSize; x++)
            {
                var cover = Coverage(x, y, (px, py) => outer.Contains(px, py) && !inner.Contains(px, py));
                var i = ((y * OutlineSize) + x) * 4;
                pixels[i] = pixels[i + 1] = pixels[i + 2] = 255;
                pixels[i + 3] = (byte)Math.Round(cover * 255);
            }
        }

        return EncodePng(OutlineSize, OutlineSize, pixels);
    }

    private static double Coverage(int x, int y, Func<double, double, bool> inside)
    {
        var hits = 0;
        for (var sy = 0; sy < Samples; sy++)
        {
            for (var sx = 0; sx < Samples; sx++)
            {
                if (inside(x + ((sx + 0.5) / Samples), y + ((sy + 0.5) / Samples)))
                {
                    hits++;
                }
            }
        }

        return hits / (double)(Samples * Samples);
    }

    private static byte Blend(byte from, byte to, double amount) => (byte)Math.Round(from + ((to - from) * amount));

    private static (byte R, byte G, byte B) ParseColor(string hex)
    {
        if (hex.Length != 7 || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            throw new ArgumentException($"'{hex}' is not a colour like #2B6CB0.", nameof(hex));
        }

        return ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    /// <summary>PNG: signature, IHDR (RGBA, 8 bits), one zlib IDAT of unfiltered rows, IEND.</summary>
    private static byte[] EncodePng(int width, int height, byte[] rgba)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // colour type: RGBA
        WriteChunk(png, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var stride = width * 4;
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(rgba, row * stride, stride);
            }
        }

        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeBytes, data));
        png.Write(number);
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    /// <summary>A drop: a circle with a point above it, joined by the circle's tangents from that point.</summary>
    private readonly record struct Drop(double CenterX, double CenterY, double Radius)
    {
        public bool Contains(double x, double y)
        {
            var dx = x - CenterX;
            var dy = y - CenterY;
            if ((dx * dx) + (dy * dy) <= Radius * Radius)
            {
                return true;
            }

            // The tip sits 1.9 radii above the centre; the tangent points are at ±acos(R/L) from the upward direction.
            var tipDistance = Radius * 1.9;
            var tipY = CenterY - tipDistance;
            if (y < tipY || y > CenterY)
            {
                return false;
            }

            var angle = Math.Acos(Radius / tipDistance);
            var tangentX = Radius * Math.Sin(angle);
            var tangentY = CenterY - (Radius * Math.Cos(angle));
            if (y > tangentY)
            {
                return false;
            }

            // Width of the cone at this height, growing linearly from the tip to the tangent points.
            var halfWidth = tangentX * (y - tipY) / (tangentY - tipY);
            return Math.Abs(dx) <= halfWidth;
        }
    }
}
