using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IvigBot.BrowserTests.WebChatPage;
using static Microsoft.Playwright.Assertions;

namespace IvigBot.BrowserTests;

/// <summary>
/// A patient's visit, end to end: headless Chromium opens <c>GET /</c> served by the real host, and Web Chat talks to
/// the host's own Direct Line endpoint, over the WebSocket stream and by polling. Screenshots are saved in the test
/// output folder (<c>screenshots/</c>).
/// </summary>
public sealed partial class WebChatPageTests(WebChatHostFixture host, ITestOutputHelper output) : IClassFixture<WebChatHostFixture>
{
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

        // The feedback buttons look different from the related questions: a tick and a cross beside them.
        await Expect(suggestions.Filter(new() { HasTextRegex = Exactly("Helpful") }).Locator("img")).ToHaveCountAsync(1);
        await Expect(suggestions.Filter(new() { HasTextRegex = Exactly("Not helpful") }).Locator("img")).ToHaveCountAsync(1);
        await Expect(related.Locator("img")).ToHaveCountAsync(0);

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

        visit.AssertTransport(transport);
        visit.AssertEverythingCameFromTheHost();
    }

    [ChromiumFact]
    public async Task The_page_works_with_the_keyboard_and_fits_a_phone()
    {
        await using var visit = await Visit.OpenAsync(host, new ViewportSize { Width = 390, Height = 844 });
        var page = visit.Page;
        await page.GotoAsync(host.Address.ToString());
        await Expect(page.Locator(BotBubbles).First).ToBeVisibleAsync(new() { Timeout = Patience });

        // The safety notice, then the chat, on the first screen: no scrolling past the introduction to reach it.
        var notice = (await page.GetByRole(AriaRole.Note, new() { Name = "Important" }).BoundingBoxAsync())!;
        var chat = (await page.Locator("#ivigbot-chat").BoundingBoxAsync())!;
        Assert.True(notice.Y < chat.Y, "the safety notice is not above the chat");
        Assert.True(chat.Y + 200 <= 844, $"the chat starts {chat.Y}px down a 844px phone screen");

        // Landmarks for screen readers.
        await Expect(page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(1);

        // The first Tab reaches the skip link, which leads straight to the chat.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to the chat");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("#ivigbot-chat$"));

        // A starter question can be asked from the keyboard.
        var starter = page.Locator(".starters button").First;
        await Expect(starter).ToBeEnabledAsync();
        await starter.FocusAsync();
        var question = (await starter.InnerTextAsync()).Trim();
        await page.Keyboard.PressAsync("Enter");
        var heading = page.Locator(BotBubbles).Locator("strong", new() { HasTextRegex = Exactly(question) });
        await Expect(heading).ToBeVisibleAsync(new() { Timeout = Patience });

        // The chat shows the start of the new answer, not its end: the patient reads it from the top.
        await Expect(page.Locator(".webchat__suggested-actions button").First).ToBeVisibleAsync();
        await WebChatPage.TranscriptSettledAsync(page);
        var transcript = (await page.Locator(".webchat__basic-transcript__scrollable").BoundingBoxAsync())!;
        var start = (await heading.BoundingBoxAsync())!;
        Assert.True(start.Y >= transcript.Y && start.Y + start.Height <= transcript.Y + transcript.Height,
            $"the answer's first line is at {start.Y}px, outside the transcript's {transcript.Y}..{transcript.Y + transcript.Height}px");

        // Nothing wider than the phone's screen.
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a 390px phone screen.");
        await visit.ScreenshotAsync("webchat-phone.png", output);
        visit.AssertEverythingCameFromTheHost();
    }

    /// <summary>
    /// The README's snippet, as written, on a clinic's own website (another origin on another loopback port: Chrome
    /// keeps public sites from calling loopback addresses, so both sides are local here). Requests are observed, not
    /// routed, so Chromium enforces CORS as it does for a patient. With <c>AllowedOrigins</c> empty, and set to the
    /// clinic's origin; over the WebSocket and by polling.
    /// </summary>
    [ChromiumTheory]
    [InlineData("open", "websocket")]
    [InlineData("open", "polling")]
    [InlineData("restricted", "websocket")]
    [InlineData("restricted", "polling")]
    public async Task The_readme_snippet_puts_the_chat_on_a_clinics_own_website(string allowedOrigins, string transport)
    {
        var bot = allowedOrigins == "restricted" ? host.RestrictedAddress : host.Address;
        var page = host.ClinicSite.Publish(ClinicPage(bot, transport == "polling" ? "data-transport=\"polling\" " : string.Empty));
        await using var visit = await Visit.OpenAsync(host.Browser, bot, new ViewportSize { Width = 1024, Height = 800 }, allowedOrigin: host.ClinicSite.Address);

        await visit.Page.GotoAsync(page);
        await Expect(visit.Page.Locator(BotBubbles).Filter(new() { HasText = "Hello! I answer common questions about IVIG" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await visit.Page.GetByRole(AriaRole.Button, new() { Name = "What is IVIG flu?" }).ClickAsync();

        var answer = visit.Page.Locator(BotBubbles).Filter(new() { Has = visit.Page.Locator("strong", new() { HasTextRegex = Exactly("What is \"IVIG flu\"?") }) });
        await Expect(answer).ToContainTextAsync(DoctorNote, new() { Timeout = Patience });

        // A typed question too, then the transport really was the one asked for.
        var sendBox = visit.Page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("how long does an infusion take");
        await sendBox.PressAsync("Enter");
        await Expect(visit.Page.Locator(BotBubbles)).ToHaveCountAsync(3, new() { Timeout = Patience });
        visit.AssertTransport(transport);
        await visit.ScreenshotAsync($"webchat-clinic-site-{allowedOrigins}-{transport}.png", output);
        visit.AssertEverythingCameFromTheHost();
    }

    [ChromiumFact]
    public async Task A_website_that_is_not_allowed_gets_no_chat_and_the_patient_is_told_whom_to_contact()
    {
        var page = host.ForeignSite.Publish(ClinicPage(host.RestrictedAddress, string.Empty));
        await using var visit = await Visit.OpenAsync(host.Browser, host.RestrictedAddress, new ViewportSize { Width = 1024, Height = 800 }, allowedOrigin: host.ForeignSite.Address);

        await visit.Page.GotoAsync(page);

        var problem = visit.Page.GetByRole(AriaRole.Alert);
        await Expect(problem).ToContainTextAsync("the chat cannot connect right now", new() { Timeout = Patience });
        await Expect(problem).ToContainTextAsync("call the clinic");
        await Expect(problem).ToContainTextAsync("call emergency services now");
        await Expect(visit.Page.Locator(BotBubbles)).ToHaveCountAsync(0);
        await Expect(visit.Page.GetByRole(AriaRole.Button, new() { Name = "What is IVIG flu?" })).ToBeDisabledAsync();
        Assert.Contains(visit.Errors, e => e.Contains("CORS", StringComparison.Ordinal));
        Assert.DoesNotContain(visit.Requests, r => r.Contains("/v3/directline/", StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task When_the_bot_cannot_be_reached_the_snippets_own_text_tells_the_patient_what_to_do()
    {
        // A port nothing listens on: the scripts never load, so only the snippet's own words can reach the patient.
        var closed = new Uri("http://127.0.0.1:9");
        var page = host.ClinicSite.Publish(ClinicPage(closed, string.Empty));
        await using var visit = await Visit.OpenAsync(host.Browser, closed, new ViewportSize { Width = 1024, Height = 800 }, allowedOrigin: host.ClinicSite.Address);

        await visit.Page.GotoAsync(page);

        await Expect(visit.Page.Locator("#ivigbot-chat")).ToContainTextAsync("If the chat does not appear, please call the clinic");
        await Expect(visit.Page.GetByRole(AriaRole.Button, new() { Name = "What is IVIG flu?" })).ToBeEnabledAsync();
    }

    /// <summary>
    /// A proxy that blocks WebSockets: every stream connection is closed at once. The widget starts again by polling,
    /// and the patient gets answers.
    /// </summary>
    [ChromiumFact]
    public async Task When_WebSockets_are_blocked_the_chat_falls_back_to_polling()
    {
        await using var visit = await Visit.OpenAsync(host, new ViewportSize { Width = 1280, Height = 900 });
        var blocked = new ConcurrentQueue<string>();
        await visit.Page.RouteWebSocketAsync(StreamUrl(), socket =>
        {
            blocked.Enqueue(socket.Url);
            _ = socket.CloseAsync();
        });

        await visit.Page.GotoAsync(host.Address.ToString());
        await Expect(visit.Page.Locator(BotBubbles).Filter(new() { HasText = "Hello! I answer common questions about IVIG" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        var sendBox = visit.Page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("what is IVIG flu");
        await sendBox.PressAsync("Enter");
        await Expect(visit.Page.Locator(BotBubbles).Filter(new() { Has = visit.Page.Locator("strong", new() { HasTextRegex = Exactly("What is \"IVIG flu\"?") }) }))
            .ToBeVisibleAsync(new() { Timeout = Patience });

        Assert.NotEmpty(blocked);
        Assert.Contains(visit.Requests, r => r.Contains("/activities?watermark=", StringComparison.Ordinal));
        await Expect(visit.Page.GetByText("Send failed")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// A slow connection (every request delayed): until the assistant's greeting arrives the send box and the page's
    /// question buttons are disabled and the patient is told the chat is connecting, so nothing typed is lost; then the
    /// question is answered.
    /// </summary>
    [ChromiumFact]
    public async Task On_a_slow_connection_nothing_can_be_sent_before_the_chat_is_connected_and_then_it_answers()
    {
        await using var visit = await Visit.OpenAsync(host, new ViewportSize { Width = 1280, Height = 900 });
        var network = await visit.Page.Context.NewCDPSessionAsync(visit.Page);
        await network.SendAsync("Network.enable");
        await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 1500,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = -1,
        });

        await visit.Page.GotoAsync(host.Address.ToString());
        var sendBox = visit.Page.Locator("[data-id='webchat-sendbox-input']");
        await Expect(sendBox).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(visit.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connecting to the assistant" })).ToBeVisibleAsync();
        await Expect(sendBox).ToBeDisabledAsync();
        await Expect(visit.Page.Locator(".starters button").First).ToBeDisabledAsync();
        await Expect(visit.Page.Locator(BotBubbles)).ToHaveCountAsync(0);
        await visit.ScreenshotAsync("webchat-connecting.png", output);

        // Connected: the patient can ask, and gets the answer.
        await Expect(sendBox).ToBeEnabledAsync(new() { Timeout = Patience });
        await Expect(visit.Page.Locator(BotBubbles).Filter(new() { HasText = "Hello! I answer common questions about IVIG" })).ToBeVisibleAsync();
        await Expect(visit.Page.GetByText("Connecting to the assistant")).ToHaveCountAsync(0);
        await sendBox.FillAsync("what is IVIG flu");
        await sendBox.PressAsync("Enter");
        await Expect(visit.Page.Locator(BotBubbles).Filter(new() { Has = visit.Page.Locator("strong", new() { HasTextRegex = Exactly("What is \"IVIG flu\"?") }) }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        visit.AssertEverythingCameFromTheHost();
    }

    /// <summary>A clinic's page with a question button and the README's snippet pointed at <paramref name="bot"/>.</summary>
    private static string ClinicPage(Uri bot, string extraScriptAttributes)
    {
        var snippet = ReadmeSnippet()
            .Replace("https://bot.example-clinic.org", bot.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            .Replace("data-target=", extraScriptAttributes + "data-target=", StringComparison.Ordinal);
        return $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Example clinic</title></head>
            <body><h1>Example clinic</h1>
            <button type="button" data-ivigbot-entry-id="ivig-flu">What is IVIG flu?</button>
            {{snippet}}
            </body></html>
            """;
    }

    /// <summary>The HTML block of the README's "Put the chat on your clinic's website" section.</summary>
    private static string ReadmeSnippet() => RepoPaths.CodeBlock("README.md", "### Put the chat on your clinic's website", "html");

    [GeneratedRegex("^\\s*(Not helpful|Helpful)\\s*$")]
    private static partial Regex HelpfulOrNot();

    [GeneratedRegex("/v3/directline/conversations/[^/]+/stream\\?t=")]
    private static partial Regex StreamUrl();
}
