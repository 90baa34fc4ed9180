using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using IvigBot.Cli;

namespace IvigBot.Tests.Teams;

/// <summary>
/// <c>teams-package</c> run in-process: the zip a clinic uploads to Teams. Checks what Teams' validator requires of the
/// manifest (protocol doc 5.6) and reads the icons' PNG headers and pixels.
/// </summary>
public sealed class TeamsPackageCommandTests : IDisposable
{
    private const string AppId = "1b2c3d4e-0000-4000-8000-00000000abcd";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ivigbot-teams-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task ThePackageHoldsTheManifestAndBothIconsAtTheRoot()
    {
        var zipPath = Path.Combine(_folder, "nested", "ivigbot.zip");

        var (exit, output, error) = await Run("teams-package", "--app-id", AppId, "--out", zipPath);

        Assert.True(exit == 0, error);
        Assert.Contains(zipPath, output, StringComparison.Ordinal);
        Assert.Contains("placeholders", error, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheManifestHasEveryRequiredFieldWithTheBotId()
    {
        using var manifest = await PackageManifestAsync();
        var root = manifest.RootElement;

        var version = root.GetProperty("manifestVersion").GetString()!;
        Assert.True(Version.Parse(version) >= new Version(1, 17), version);
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", root.GetProperty("$schema").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", root.GetProperty("version").GetString());
        Assert.Equal(AppId, root.GetProperty("id").GetString());

        var developer = root.GetProperty("developer");
        Assert.InRange(developer.GetProperty("name").GetString()!.Length, 1, 32);
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.StartsWith("https://", developer.GetProperty(url).GetString(), StringComparison.Ordinal);
        }

        Assert.InRange(root.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(root.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.InRange(root.GetProperty("description").GetProperty("full").GetString()!.Length, 1, 4000);
        Assert.Contains("not medical advice", root.GetProperty("description").GetProperty("full").GetString(), StringComparison.Ordinal);
        Assert.Equal("color.png", root.GetProperty("icons").GetProperty("color").GetString());
        Assert.Equal("outline.png", root.GetProperty("icons").GetProperty("outline").GetString());
        Assert.Matches("^#[0-9A-Fa-f]{6}$", root.GetProperty("accentColor").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("validDomains").ValueKind);

        var bot = Assert.Single(root.GetProperty("bots").EnumerateArray());
        Assert.Equal(AppId, bot.GetProperty("botId").GetString());
        Assert.Equal(["personal", "team", "groupChat"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task StarterQuestionsFitTeamsLimitsAndEachFindsItsOwnEntry()
    {
        using var manifest = await PackageManifestAsync();
        var commandList = Assert.Single(manifest.RootElement.GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray());
        var commands = commandList.GetProperty("commands").EnumerateArray().ToList();

        Assert.InRange(commands.Count, 3, 10);
        foreach (var command in commands)
        {
            var title = command.GetProperty("title").GetString()!;
            var description = command.GetProperty("description").GetString()!;
            Assert.InRange(title.Length, 1, 32);
            Assert.InRange(description.Length, 1, 128);

            // Choosing a command sends its title as the message: it must be answered with the entry it stands for.
            var (exit, output, _) = await Run("ask", "--json", title);
            Assert.Equal(0, exit);
            using var answer = JsonDocument.Parse(output);
            Assert.Equal("answer", answer.RootElement.GetProperty("kind").GetString());
            Assert.Equal(description, answer.RootElement.GetProperty("question").GetString());
        }
    }

    [Theory]
    [InlineData("color.png", 192, false)]
    [InlineData("outline.png", 32, true)]
    public async Task IconsHaveTheSizesTeamsRequires(string name, int size, bool outline)
    {
        var png = await PackageFileAsync(name);

        var image = Png.Read(png);

        Assert.Equal(size, image.Width);
        Assert.Equal(size, image.Height);
        if (outline)
        {
            // White on transparent: every pixel is white (with some alpha) or fully transparent; corners are empty.
            Assert.All(image.Pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"pixel {p}"));
            Assert.Equal(0, image.Pixel(0, 0).A);
            Assert.Equal(0, image.Pixel(size - 1, size - 1).A);
            Assert.Contains(image.Pixels, p => p.A == 255);
            Assert.InRange(image.Pixels.Count(p => p.A > 0), size * size / 10, size * size / 2);
        }
        else
        {
            // Full colour: opaque, the accent colour in the corner and white in the middle of the drop.
            Assert.All(image.Pixels, p => Assert.Equal(255, p.A));
            Assert.Equal((0x2B, 0x6C, 0xB0), (image.Pixel(0, 0).R, image.Pixel(0, 0).G, image.Pixel(0, 0).B));
            Assert.Equal((255, 255, 255), (image.Pixel(96, 120).R, image.Pixel(96, 120).G, image.Pixel(96, 120).B));
        }
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("1b2c3d4e00004000800000000000abcd0")]
    [InlineData("{1b2c3d4e-0000-4000-8000-00000000abcd}")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData(" ")]
    public async Task AnAppIdThatIsNotAGuidIsRefusedWithAClearMessage(string appId)
    {
        var zipPath = Path.Combine(_folder, "refused.zip");

        var (exit, _, error) = await Run("teams-package", "--app-id", appId, "--out", zipPath);

        Assert.Equal(2, exit);
        Assert.Contains("--app-id must be the bot's Microsoft App ID, a GUID", error, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    [Fact]
    public async Task WithoutAnAppIdTheVerbExplainsWhatIsMissing()
    {
        var (exit, _, error) = await Run("teams-package", "--out", Path.Combine(_folder, "x.zip"));

        Assert.NotEqual(0, exit);
        Assert.Contains("--app-id", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DeveloperName", "A clinic name that is far too long for Teams", "DeveloperName must be 1 to 32 characters")]
    [InlineData("PrivacyUrl", "http://clinic.example/privacy", "PrivacyUrl must be an https address")]
    [InlineData("Version", "1.0", "Version must look like 1.0.0")]
    [InlineData("AccentColor", "blue", "AccentColor must look like #2B6CB0")]
    public void SettingsTeamsWouldRejectAreReported(string key, string value, string problem)
    {
        var options = new TeamsAppOptions();
        typeof(TeamsAppOptions).GetProperty(key)!.SetValue(options, value);

        Assert.Contains(options.Validate(), p => p.Contains(problem, StringComparison.Ordinal));
        Assert.Empty(new TeamsAppOptions().Validate());
    }

    private async Task<JsonDocument> PackageManifestAsync() =>
        JsonDocument.Parse(await PackageFileAsync("manifest.json"));

    private async Task<byte[]> PackageFileAsync(string name)
    {
        var zipPath = Path.Combine(_folder, "ivigbot.zip");
        var (exit, _, error) = await Run("teams-package", "--app-id", AppId, "--out", zipPath);
        Assert.True(exit == 0, error);
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await IvigBotCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A minimal PNG reader for the test: IHDR, chunk CRCs, zlib IDAT, the five row filters, 8-bit RGB(A).</summary>
    private sealed record Png(int Width, int Height, IReadOnlyList<(byte R, byte G, byte B, byte A)> Pixels)
    {
        public (byte R, byte G, byte B, byte A) Pixel(int x, int y) => Pixels[(y * Width) + x];

        public static Png Read(byte[] png)
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            var offset = 8;
            int width = 0, height = 0, colorType = 0;
            using var idat = new MemoryStream();
            while (offset < png.Length)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
                var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
                var data = png.AsSpan(offset + 8, length);
                Assert.Equal(Crc32(png.AsSpan(offset + 4, length + 4)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length)));
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    colorType = data[9];
                    Assert.True(colorType is 2 or 6, $"colour type {colorType}");
                    Assert.Equal(0, data[12]);
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }

                offset += 12 + length;
                if (type == "IEND")
                {
                    break;
                }
            }

            var channels = colorType == 6 ? 4 : 3;
            var stride = width * channels;
            using var inflated = new MemoryStream();
            idat.Position = 0;
            using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            {
                zlib.CopyTo(inflated);
            }

            var raw = inflated.ToArray();
            Assert.Equal(height * (stride + 1), raw.Length);
            var previous = new byte[stride];
            var pixels = new List<(byte, byte, byte, byte)>(width * height);
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                var row = raw.AsSpan((y * (stride + 1)) + 1, stride).ToArray();
                for (var i = 0; i < stride; i++)
                {
                    int left = i >= channels ? row[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                    row[i] = (byte)(row[i] + filter switch
                    {
                        0 => 0,
                        1 => left,
                        2 => up,
                        3 => (left + up) / 2,
                        4 => Paeth(left, up, upLeft),
                        _ => throw new InvalidDataException($"filter {filter}"),
                    });
                }

                for (var x = 0; x < width; x++)
                {
                    var p = x * channels;
                    pixels.Add((row[p], row[p + 1], row[p + 2], channels == 4 ? row[p + 3] : (byte)255));
                }

                previous = row;
            }

            return new Png(width, height, pixels);
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static uint Crc32(ReadOnlySpan<byte> bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
                }
            }

            return crc ^ 0xFFFFFFFFu;
        }
    }
}
