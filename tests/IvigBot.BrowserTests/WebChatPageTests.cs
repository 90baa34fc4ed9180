using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IvigBot.BrowserTests;

/// <summary>
/// A patient's visit, end to end: headless Chromium opens <c>GET /</c> served by the real host, and Web Chat talks to
/// the host's own Direct Line endpoint, over the WebSocket stream and by polling. Screenshots are saved in the test
/// output folder (<c>screenshots/</c>).
/// </summary>
public sealed partial class WebChatPageTests(WebChatHostFixture host, ITestOutputHelper output) : IClassFixture<WebChatHostFixture>
{
    private const string DoctorNote = "This is general information, not medical advice.";
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user)";
    private const string UserBubbles = ".webchat__bubble.webchat__bubble--from-user";
    private const float Patience = 30_000;

    [ChromiumTheory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task A_patient_asks_follows_a_suggested_question_and_gives_feedback(string transport)
    {
        await using var visit = await Visit.OpenAsync(host, new ViewportSize { Width = 1280, Height = 900 });
        var page = visit.Page;
        await page.GotoAsync(new Uri(host.Address, transport == "polling" ? "/?transport=polling" : "/").ToString());

        // The page itself: clinic name, disclaimer, and the bot's welcome in the chat.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Questions about IVIG treatment", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("IVIG patient information").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Note, new() { Name = "Important" })).ToContainTextAsync("Not for emergencies");
        await Expect(page.Locator(BotBubbles).Filter(new() { HasText = "Hello! I answer common questions about IVIG" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });

        // Typed question → answer with its Markdown rendered and the doctor note.
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("what is IVIG flu");
        await sendBox.PressAsync("Enter");
        var answer = page.Locator(BotBubbles).Filter(new() { Has = page.Locator("strong", new() { HasTextRegex = Exactly("What is \"IVIG flu\"?") }) });
        await Expect(answer).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(answer).ToContainTextAsync(DoctorNote);
        await Expect(answer.Locator("li").First).ToBeVisibleAsync();
        await Expect(page.Locator(UserBubbles).Filter(new() { HasText = "what is IVIG flu" })).ToBeVisibleAsync();

        // A suggested related question → exactly that entry's answer.
        var suggestions = page.Locator(".webchat__suggested-actions button");
        await Expect(suggestions.Filter(new() { HasTextRegex = Exactly("Helpful") })).ToBeVisibleAsync(new() { Timeout = Patience });
        var related = suggestions.Filter(new() { HasNotTextRegex = HelpfulOrNot() }).First;
        var question = (await related.InnerTextAsync()).Trim();
        await related.ClickAsync();
        await Expect(page.Locator(BotBubbles).Filter(new() { Has = page.Locator("strong", new() { HasTextRegex = Exactly(question) }) }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.Locator(UserBubbles).Filter(new() { HasTextRegex = Exactly(question) })).ToBeVisibleAsync();

        // Feedback on that answer.
        await suggestions.Filter(new() { HasTextRegex = Exactly("Helpful") }).ClickAsync(new() { Timeout = Patience });
        await Expect(page.Locator(BotBubbles).Filter(new() { HasText = "Thanks for letting us know." })).ToBeVisibleAsync(new() { Timeout = Patience });

        // A starter question from the page, outside the widget.
        var starter = page.Locator(".starters button").Last;
        await Expect(starter).ToBeEnabledAsync();
        var starterQuestion = (await starter.InnerTextAsync()).Trim();
        await starter.ClickAsync();
        await Expect(page.Locator(BotBubbles).Filter(new() { Has = page.Locator("strong", new() { HasTextRegex = Exactly(starterQuestion) }) }))
            .ToBeVisibleAsync(new() { Timeout = Patience });

        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
        await visit.ScreenshotAsync($"webchat-{transport}.png", output);

        // The transport really was the one asked for.
        if (transport == "polling")
        {
            Assert.Empty(visit.WebSockets);
            Assert.Contains(visit.Requests, r => r.Contains("/v3/directline/conversations/", StringComparison.Ordinal) && r.Contains("/activities?watermark=", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(visit.WebSockets, w => w.Contains("/v3/directline/conversations/", StringComparison.Ordinal) && w.Contains("/stream?t=", StringComparison.Ordinal));
            Assert.DoesNotContain(visit.Requests, r => r.Contains("/activities?watermark=", StringComparison.Ordinal));
        }

        visit.AssertEverythingCameFromTheHost();
    }

    [ChromiumFact]
    public async Task The_page_works_with_the_keyboard_and_fits_a_phone()
    {
        await using var visit = await Visit.OpenAsync(host, new ViewportSize { Width = 390, Height = 844 });
        var page = visit.Page;
        await page.GotoAsync(host.Address.ToString());
        await Expect(page.Locator(BotBubbles).First).ToBeVisibleAsync(new() { Timeout = Patience });

        // Landmarks for screen readers.
        await Expect(page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(1);

        // The first Tab reaches the skip link, which leads straight to the chat.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to the chat");
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#ivigbot-chat", page.Url, StringComparison.Ordinal);

        // A starter question can be asked from the keyboard.
        var starter = page.Locator(".starters button").First;
        await Expect(starter).ToBeEnabledAsync();
        await starter.FocusAsync();
        var question = (await starter.InnerTextAsync()).Trim();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(BotBubbles).Filter(new() { Has = page.Locator("strong", new() { HasTextRegex = Exactly(question) }) }))
            .ToBeVisibleAsync(new() { Timeout = Patience });

        // Nothing wider than the phone's screen.
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a 390px phone screen.");
        await visit.ScreenshotAsync("webchat-phone.png", output);
        visit.AssertEverythingCameFromTheHost();
    }

    [ChromiumFact]
    public async Task The_readme_snippet_puts_the_chat_on_a_clinics_own_website()
    {
        // The clinic's site: another origin on another loopback port (Chrome keeps public sites from calling
        // loopback addresses, so both sides are local here). The snippet is taken from README.md as it stands.
        var snippet = ReadmeSnippet().Replace("https://bot.example-clinic.org", host.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        var clinicPage = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Example clinic</title></head>
            <body><h1>Example clinic</h1>
            <button type="button" data-ivigbot-entry-id="ivig-flu">What is IVIG flu?</button>
            {{snippet}}
            </body></html>
            """;
        await using var clinicSite = await ClinicSite.StartAsync(clinicPage);
        await using var visit = await Visit.OpenAsync(host, new ViewportSize { Width = 1024, Height = 800 }, allowedOrigin: clinicSite.Address);

        await visit.Page.GotoAsync(clinicSite.Address + "/");
        await Expect(visit.Page.Locator(BotBubbles).Filter(new() { HasText = "Hello! I answer common questions about IVIG" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await visit.Page.GetByRole(AriaRole.Button, new() { Name = "What is IVIG flu?" }).ClickAsync();

        var answer = visit.Page.Locator(BotBubbles).Filter(new() { Has = visit.Page.Locator("strong", new() { HasTextRegex = Exactly("What is \"IVIG flu\"?") }) });
        await Expect(answer).ToContainTextAsync(DoctorNote, new() { Timeout = Patience });
        await visit.ScreenshotAsync("webchat-clinic-site.png", output);
        visit.AssertEverythingCameFromTheHost();
    }

    /// <summary>The HTML block of the README's "Put the chat on your clinic's website" section.</summary>
    private static string ReadmeSnippet()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "IvigBot.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("IvigBot.sln not found");
        }

        var readme = File.ReadAllText(Path.Combine(root.FullName, "README.md"));
        var section = readme[readme.IndexOf("### Put the chat on your clinic's website", StringComparison.Ordinal)..];
        var start = section.IndexOf("```html\n", StringComparison.Ordinal) + "```html\n".Length;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>The whole text, allowing the typographic quotes Web Chat's Markdown renderer puts in.</summary>
    private static Regex Exactly(string text) => new("^\\s*" + Regex.Escape(text)
        .Replace("\"", "[\"“”]", StringComparison.Ordinal)
        .Replace("'", "['‘’]", StringComparison.Ordinal) + "\\s*$");

    [GeneratedRegex("^\\s*(Not helpful|Helpful)\\s*$")]
    private static partial Regex HelpfulOrNot();

    /// <summary>
    /// One browser context and page that records every request, WebSocket and console error, and refuses (and
    /// records) any request that would leave the host.
    /// </summary>
    private sealed class Visit : IAsyncDisposable
    {
        private readonly ConcurrentQueue<string> _requests = new();
        private readonly ConcurrentQueue<string> _webSockets = new();
        private readonly ConcurrentQueue<string> _external = new();
        private readonly ConcurrentQueue<string> _errors = new();
        private readonly IBrowserContext _context;
        private readonly Uri _host;

        private readonly string? _allowedOrigin;

        private Visit(IBrowserContext context, IPage page, Uri host, string? allowedOrigin)
        {
            _context = context;
            Page = page;
            _host = host;
            _allowedOrigin = allowedOrigin;
        }

        public IPage Page { get; }

        public IReadOnlyCollection<string> Requests => _requests;

        public IReadOnlyCollection<string> WebSockets => _webSockets;

        public IReadOnlyCollection<string> Errors => _errors;

        public static async Task<Visit> OpenAsync(WebChatHostFixture host, ViewportSize viewport, string? allowedOrigin = null)
        {
            var context = await host.Browser.NewContextAsync(new() { ViewportSize = viewport, ServiceWorkers = ServiceWorkerPolicy.Block });
            context.SetDefaultTimeout(Patience);
            var visit = new Visit(context, await context.NewPageAsync(), host.Address, allowedOrigin);
            await context.RouteAsync("**/*", async route =>
            {
                if (visit.IsHost(route.Request.Url))
                {
                    await route.ContinueAsync();
                }
                else
                {
                    visit._external.Enqueue(route.Request.Url);
                    await route.AbortAsync();
                }
            });
            visit.Page.Request += (_, request) => visit._requests.Enqueue(request.Url);
            visit.Page.WebSocket += (_, socket) => visit._webSockets.Enqueue(socket.Url);
            visit.Page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    visit._errors.Enqueue(message.Text);
                }
            };
            visit.Page.PageError += (_, error) => visit._errors.Enqueue(error);
            return visit;
        }

        public async Task ScreenshotAsync(string name, ITestOutputHelper output)
        {
            var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"Screenshot: {path}");
        }

        public void AssertEverythingCameFromTheHost()
        {
            Assert.Empty(_external);
            Assert.All(_webSockets, url => Assert.True(IsHost(url), $"WebSocket to {url}"));
            Assert.Empty(_errors);
        }

        public async ValueTask DisposeAsync() => await _context.DisposeAsync();

        private bool IsHost(string url) =>
            (_allowedOrigin is not null && url.StartsWith(_allowedOrigin + "/", StringComparison.Ordinal))
            || url.StartsWith("data:", StringComparison.Ordinal)
            || url.StartsWith("blob:", StringComparison.Ordinal)
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == _host.Host && uri.Port == _host.Port);
    }
}
