using System.CommandLine;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Hosting;

namespace IvigBot.Cli;

/// <summary>
/// The <c>teams-package</c> verb: writes a Teams app package to sideload (protocol doc 5.6): <c>manifest.json</c>,
/// <c>color.png</c> and <c>outline.png</c> at the root of a zip.
/// </summary>
public static class TeamsPackageCommand
{
    public const string ManifestVersion = "1.17";
    public const string ManifestSchema = "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json";
    public const string DefaultOutput = "ivigbot-teams.zip";

    /// <summary>Teams' limits on a command's title and description.</summary>
    public const int MaxCommandTitle = 32;
    public const int MaxCommandDescription = 128;

    public const string ShortDescription = "Answers common questions about IVIG (immunoglobulin) treatment.";

    public const string FullDescription =
        "IvigBot answers common questions about IVIG (intravenous immunoglobulin) treatment from the clinic's reviewed " +
        "FAQ: what it is, how an infusion goes, side effects and everyday life. Each answer names its source. It gives " +
        "general information, not medical advice, and never advice on doses. Ask in a personal chat, or mention it in a " +
        "group chat or channel.";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var appId = new Option<string>("--app-id") { Description = "The bot's Microsoft App ID (MicrosoftAppId), a GUID; it is also the Teams app id.", Required = true };
        var outPath = new Option<string?>("--out") { Description = $"Where to write the zip (default: {DefaultOutput} in the current folder)." };
        var command = new Command("teams-package", "Write a Microsoft Teams app package (manifest and icons) to sideload the bot.") { appId, outPath };
        command.SetAction(parse => Run(parse.GetValue(appId)!, parse.GetValue(outPath) ?? DefaultOutput, output, error));
        return command;
    }

    private static int Run(string appIdText, string path, TextWriter output, TextWriter error)
    {
        if (!Guid.TryParseExact(appIdText.Trim(), "D", out var appId) || appId == Guid.Empty)
        {
            error.WriteLine($"--app-id must be the bot's Microsoft App ID, a GUID like 1b2c3d4e-0000-4000-8000-00000000abcd (got '{appIdText}').");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var app = configuration.GetSection(TeamsAppOptions.Section).Get<TeamsAppOptions>() ?? new TeamsAppOptions();
        var problems = app.Validate().ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }

            return 2;
        }

        var commands = StarterCommands(error);
        var manifest = Manifest(appId, app, commands);
        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var file = File.Create(full))
            {
                Write(file, manifest, app.AccentColor);
            }

            output.WriteLine($"Wrote {full}: manifest {ManifestVersion} for bot {appId}, {commands.Count} starter question(s).");
            output.WriteLine("Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"teams-package: cannot write {path}: {e.Message}");
            return 1;
        }

        var placeholders = app.Placeholders().ToList();
        if (placeholders.Count > 0)
        {
            error.WriteLine($"Note: placeholders still in the package: {string.Join(", ", placeholders)}. Set them in appsettings.json before publishing beyond a test.");
        }

        return 0;
    }

    /// <summary>The manifest (schema <see cref="ManifestVersion"/>) for bot <paramref name="appId"/>.</summary>
    public static JsonObject Manifest(Guid appId, TeamsAppOptions app, IReadOnlyList<TeamsCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(commands);
        var id = appId.ToString("D");
        var bot = new JsonObject
        {
            ["botId"] = id,
            ["scopes"] = new JsonArray("personal", "team", "groupChat"),
            ["supportsFiles"] = false,
            ["isNotificationOnly"] = false,
        };
        if (commands.Count > 0)
        {
            bot["commandLists"] = new JsonArray(new JsonObject
            {
                ["scopes"] = new JsonArray("personal", "team", "groupChat"),
                ["commands"] = new JsonArray([.. commands.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["description"] = c.Description })]),
            });
        }

        return new JsonObject
        {
            ["$schema"] = ManifestSchema,
            ["manifestVersion"] = ManifestVersion,
            ["version"] = app.Version,
            ["id"] = id,
            ["developer"] = new JsonObject
            {
                ["name"] = app.DeveloperName,
                ["websiteUrl"] = app.WebsiteUrl,
                ["privacyUrl"] = app.PrivacyUrl,
                ["termsOfUseUrl"] = app.TermsOfUseUrl,
            },
            ["name"] = new JsonObject { ["short"] = app.ShortName, ["full"] = $"{app.ShortName}: IVIG questions" },
            ["description"] = new JsonObject { ["short"] = ShortDescription, ["full"] = FullDescription },
            ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
            ["accentColor"] = app.AccentColor,
            ["bots"] = new JsonArray(bot),
            ["permissions"] = new JsonArray("identity", "messageTeamMembers"),
            ["validDomains"] = new JsonArray([.. app.ValidDomains.Select(d => (JsonNode)JsonValue.Create(d.Trim())!)]),
        };
    }

    /// <summary>Writes the zip: <c>manifest.json</c>, <c>color.png</c>, <c>outline.png</c>, all at the root.</summary>
    public static void Write(Stream destination, JsonObject manifest, string accentColor)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        using (var stream = zip.CreateEntry("manifest.json").Open())
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            manifest.WriteTo(writer);
        }

        AddFile(zip, "color.png", TeamsAppIcons.Color(accentColor));
        AddFile(zip, "outline.png", TeamsAppIcons.Outline());
    }

    /// <summary>
    /// The example questions (Answering:ExampleQuestions) in a form Teams accepts as a command: the question itself
    /// when it fits in <see cref="MaxCommandTitle"/> characters, else without its bracketed part, else its shortest
    /// fitting "also asked as" wording. Choosing a command sends its title, so each must find its own entry.
    /// </summary>
    public static List<TeamsCommand> StarterCommands(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (faq, answering) = IvigBotServiceRegistration.ReadSettings();
        var content = FaqContentLoader.Load(faq.ResolvePath());
        var entries = content.Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var commands = new List<TeamsCommand>();
        foreach (var id in answering.EffectiveExampleQuestions)
        {
            if (entries.TryGetValue(id, out var entry) && CommandTitle(entry) is { } title)
            {
                var description = entry.Question.Length <= MaxCommandDescription ? entry.Question : entry.Question[..MaxCommandDescription];
                commands.Add(new TeamsCommand(entry.Id, title, description));
            }
        }

        if (commands.Count == 0)
        {
            error.WriteLine("Note: no example questions found in the FAQ; the package has no command list.");
        }

        return commands;
    }

    internal static string? CommandTitle(FaqDocument entry)
    {
        var withoutBrackets = System.Text.RegularExpressions.Regex.Replace(entry.Question, @"\s*\([^)]*\)", string.Empty);
        // Question-shaped wordings first, each group in the order the editors wrote them.
        var alternates = entry.Alternates.Select(Tidy).OrderBy(a => a.EndsWith('?') ? 0 : 1);
        return new[] { entry.Question, withoutBrackets }.Concat(alternates)
            .FirstOrDefault(t => t.Length is > 0 and <= MaxCommandTitle);
    }

    // "how long does ivig take" -> "How long does IVIG take?"
    private static string Tidy(string alternate)
    {
        var words = alternate.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Equals("ivig", StringComparison.OrdinalIgnoreCase) ? "IVIG" : w).ToList();
        if (words.Count == 0)
        {
            return string.Empty;
        }

        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        var text = string.Join(' ', words);
        var questionWords = new[] { "what", "how", "can", "is", "are", "does", "do", "why", "when", "will", "should", "who", "where" };
        return questionWords.Contains(words[0], StringComparer.OrdinalIgnoreCase) && !text.EndsWith('?') ? text + "?" : text;
    }

    private static void AddFile(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }
}

/// <summary>A starter question in the Teams command menu: choosing it sends <see cref="Title"/>, which finds entry <see cref="EntryId"/>.</summary>
public sealed record TeamsCommand(string EntryId, string Title, string Description);
