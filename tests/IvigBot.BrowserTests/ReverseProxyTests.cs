using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IvigBot.BrowserTests.WebChatPage;
using static Microsoft.Playwright.Assertions;

namespace IvigBot.BrowserTests;

/// <summary>
/// The deployment of docs/production.md, step 3: Debian's nginx with exactly the documented configuration (only
/// ports, host and a test certificate changed) in front of the bot with <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>,
/// and Chromium chatting through it over HTTPS. Also the same configuration without its three WebSocket lines, as
/// the guide used to be: the chat must still answer, by polling.
/// </summary>
public sealed partial class ReverseProxyTests(ReverseProxyTests.Proxies proxies, ITestOutputHelper output) : IClassFixture<ReverseProxyTests.Proxies>
{
    private const string Heading = "## 3. HTTPS in front: nginx";

    [NginxFact]
    public async Task Behind_nginx_as_documented_the_chat_answers_over_a_secure_WebSocket()
    {
        await using var visit = await Visit.OpenAsync(proxies.Browser, proxies.Documented.Address, new ViewportSize { Width = 1280, Height = 900 }, ignoreHttpsErrors: true);

        await AskAsync(visit);

        visit.AssertTransport("websocket");
        Assert.Contains(visit.WebSockets, w => w.StartsWith($"wss://127.0.0.1:{proxies.Documented.Address.Port}/v3/directline/", StringComparison.Ordinal));
        await visit.ScreenshotAsync("webchat-behind-nginx.png", output);
        visit.AssertEverythingCameFromTheHost();
    }

    [NginxFact]
    public async Task Behind_nginx_without_the_WebSocket_lines_the_chat_falls_back_to_polling_and_answers()
    {
        await using var visit = await Visit.OpenAsync(proxies.Browser, proxies.WithoutWebSocket.Address, new ViewportSize { Width = 1280, Height = 900 }, ignoreHttpsErrors: true);

        await AskAsync(visit);

        Assert.Contains(visit.Requests, r => r.Contains("/activities?watermark=", StringComparison.Ordinal));
    }

    private static async Task AskAsync(Visit visit)
    {
        var page = visit.Page;
        await page.GotoAsync(visit.Host.ToString());
        await Expect(page.Locator(BotBubbles).Filter(new() { HasText = Greeting })).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.Locator(SendBox).FillAsync("what is IVIG flu");
        await page.Locator(SendBox).PressAsync("Enter");
        var answer = page.Locator(BotBubbles).Filter(new() { Has = page.Locator("strong", new() { HasTextRegex = Exactly("What is \"IVIG flu\"?") }) });
        await Expect(answer).ToContainTextAsync(DoctorNote, new() { Timeout = Patience });
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"^\s*(proxy_http_version|proxy_set_header Upgrade|proxy_set_header Connection) .*\n", RegexOptions.Multiline)]
    private static partial Regex WebSocketLines();

    /// <summary>One bot behind two nginx instances (as documented, and without the WebSocket lines), and one Chromium.</summary>
    public sealed class Proxies : IAsyncLifetime, IDisposable
    {
        private readonly IvigBotHost _bot = new(("FORWARDEDHEADERS_ENABLED", "true"));
        private ChromiumBrowser? _chromium;

        public Nginx Documented { get; private set; } = null!;

        public Nginx WithoutWebSocket { get; private set; } = null!;

        public IBrowser Browser => _chromium!.Browser;

        public async Task InitializeAsync()
        {
            var bot = _bot.Start();
            var documented = RepoPaths.CodeBlock("docs/production.md", Heading, "nginx");
            Documented = await Nginx.StartAsync(documented, bot);
            var withoutWebSocket = WebSocketLines().Replace(documented, string.Empty);
            Assert.NotEqual(documented, withoutWebSocket);
            WithoutWebSocket = await Nginx.StartAsync(withoutWebSocket, bot);
            _chromium = await ChromiumBrowser.LaunchAsync();
        }

        public async Task DisposeAsync()
        {
            if (_chromium is not null)
            {
                await _chromium.DisposeAsync();
            }

            if (Documented is not null)
            {
                await Documented.DisposeAsync();
            }

            if (WithoutWebSocket is not null)
            {
                await WithoutWebSocket.DisposeAsync();
            }

            await _bot.DisposeAsync();
        }

        public void Dispose() => _bot.Dispose();
    }
}
