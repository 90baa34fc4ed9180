using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IvigBot.BrowserTests;

/// <summary>
/// The editor page (<c>/editor</c>) in headless Chromium after a few test conversations: the key is required, the
/// weekly chart is drawn, a suggested alternate is shown and its Copy button puts the Markdown line on the clipboard.
/// </summary>
public sealed class EditorPageTests(EditorHostFixture host, ITestOutputHelper output) : IClassFixture<EditorHostFixture>
{
    private const float Patience = 30_000;

    [ChromiumFact]
    public async Task Without_the_key_the_browser_gets_401_and_no_data()
    {
        var editor = new Uri(host.Address, "/editor").ToString();
        foreach (var credentials in new HttpCredentials?[] { null, new() { Username = "editor", Password = "not-the-key-0123456789" } })
        {
            await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { HttpCredentials = credentials });
            var page = await context.NewPageAsync();

            // Headless Chromium has no password dialog: the navigation ends in its authentication error page.
            var refused = await Assert.ThrowsAsync<PlaywrightException>(() => page.GotoAsync(editor));
            Assert.Contains("net::ERR_", refused.Message, StringComparison.Ordinal);

            var response = await context.APIRequest.GetAsync(editor);
            Assert.Equal(401, response.Status);
            Assert.Empty(await response.TextAsync());
        }
    }

    [ChromiumFact]
    public async Task An_editor_with_the_key_sees_the_chart_the_unanswered_question_and_copies_a_suggestion()
    {
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = "editor", Password = EditorHostFixture.Key },
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.Address.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add(message.Text + " " + message.Location); // e.g. a Content-Security-Policy refusal
            }
        };

        var response = await page.GotoAsync(new Uri(host.Address, "/editor").ToString());

        Assert.Equal(200, response!.Status);
        var bars = page.Locator("#weekly-chart rect.bar");
        await Expect(bars).ToHaveCountAsync(12, new() { Timeout = Patience });
        var thisWeek = await bars.Last.BoundingBoxAsync();
        Assert.True(thisWeek is { Width: > 0, Height: > 0 }, "this week's bar is drawn");
        await Expect(page.Locator("#weekly-chart path.answered")).ToHaveCountAsync(1);
        await Expect(page.Locator("#unanswered")).ToContainTextAsync(EditorHostFixture.Unanswered);
        var suggestion = page.Locator($".suggestion[data-entry-id=\"{EditorHostFixture.PickedEntry}\"]");
        await Expect(suggestion).ToContainTextAsync("- " + EditorHostFixture.BeforePick);

        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();

        await Expect(suggestion.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        Assert.Equal("- " + EditorHostFixture.BeforePick, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "editor.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}

/// <summary>
/// The real host on 127.0.0.1 with its store in a temporary folder and an editor key, after a few conversations sent
/// to <c>/api/messages</c>; and one headless Chromium.
/// </summary>
public sealed class EditorHostFixture : IAsyncLifetime, IDisposable
{
    public const string Key = "browser-test-editor-key-0123456789";
    public const string Unanswered = "can I bring my dog with me to my appointment";
    public const string BeforePick = "going on holiday after ivig";
    public const string PickedEntry = "after-infusion";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("ivigbot-editor-");
    private IvigBotHost? _factory;
    private ChromiumBrowser? _chromium;

    public Uri Address { get; private set; } = null!;

    public IBrowser Browser => _chromium!.Browser;

    public async Task InitializeAsync()
    {
        _chromium = await ChromiumBrowser.LaunchAsync();
        _factory = new IvigBotHost(("Insights:Provider", "Sqlite"), ("Insights:DataFolder", _data.FullName), ("Insights:EditorKey", Key));
        Address = _factory.Start();
        await HaveConversationsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    public void Dispose() => _factory?.Dispose();

    /// <summary>An unanswered question; a message resolved by picking <see cref="PickedEntry"/>; feedback. Then waits for the store.</summary>
    private async Task HaveConversationsAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        await PostAsync(client, "editor-1", Unanswered, null);
        await PostAsync(client, "editor-2", BeforePick, null);
        await PostAsync(client, "editor-2", null, $"{{\"entryId\":\"{PickedEntry}\"}}");
        await PostAsync(client, "editor-3", "what is ivig flu", null);
        await PostAsync(client, "editor-3", null, "{\"feedback\":\"helpful\",\"entryId\":\"ivig-flu\"}");

        // The page reads the store; wait until the background writer has written all five.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        for (var i = 0; i < 300; i++)
        {
            var csv = await client.GetStringAsync(new Uri("/editor/report.csv", UriKind.Relative));
            if (csv.Contains("suggestion,", StringComparison.Ordinal) && csv.Contains("feedback,", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The test conversations never reached the store.");
    }

    private static async Task PostAsync(HttpClient client, string conversation, string? text, string? value)
    {
        var body = $$"""
            {"type":"message","id":"{{Guid.NewGuid()}}","channelId":"emulator","deliveryMode":"expectReplies",
             "conversation":{"id":"{{conversation}}"},"from":{"id":"user-1","role":"user"},"recipient":{"id":"bot-1","role":"bot"}
             {{(text is null ? "" : $",\"text\":\"{text}\"")}}{{(value is null ? "" : $",\"value\":{value}")}}}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }
}
