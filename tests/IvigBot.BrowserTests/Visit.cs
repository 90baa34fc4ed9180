using System.Collections.Concurrent;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IvigBot.BrowserTests;

/// <summary>
/// One browser context and page that records every request, WebSocket and console error, and every request that
/// would leave the host (observed, never routed).
/// </summary>
internal sealed class Visit : IAsyncDisposable
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

    /// <summary>The bot's address: where everything the page loads must come from.</summary>
    public Uri Host => _host;

    public IReadOnlyCollection<string> Requests => _requests;

    public IReadOnlyCollection<string> WebSockets => _webSockets;

    public IReadOnlyCollection<string> Errors => _errors;

    public static Task<Visit> OpenAsync(WebChatHostFixture host, ViewportSize viewport, string? allowedOrigin = null) =>
        OpenAsync(host.Browser, host.Address, viewport, allowedOrigin);

    /// <summary>A visit to pages that use the bot at <paramref name="bot"/>, from <paramref name="allowedOrigin"/> too.</summary>
    public static async Task<Visit> OpenAsync(IBrowser browser, Uri bot, ViewportSize viewport, string? allowedOrigin = null, bool ignoreHttpsErrors = false)
    {
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = viewport,
            ServiceWorkers = ServiceWorkerPolicy.Block,
            IgnoreHTTPSErrors = ignoreHttpsErrors,
        });
        context.SetDefaultTimeout(WebChatPage.Patience);
        var visit = new Visit(context, await context.NewPageAsync(), bot, allowedOrigin);
        // Requests are observed, never routed: Playwright's routing answers CORS preflights itself, so a routed
        // page would pass where a patient's browser refuses the request.
        context.Request += (_, request) =>
        {
            if (!visit.IsHost(request.Url))
            {
                visit._external.Enqueue(request.Url);
            }
        };
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

    /// <summary>The chat used the WebSocket stream and never polled, or polled and opened no WebSocket.</summary>
    public void AssertTransport(string transport)
    {
        if (transport == "polling")
        {
            Assert.Empty(_webSockets);
            Assert.Contains(_requests, r => r.Contains("/v3/directline/conversations/", StringComparison.Ordinal) && r.Contains("/activities?watermark=", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(_webSockets, w => w.Contains("/v3/directline/conversations/", StringComparison.Ordinal) && w.Contains("/stream?t=", StringComparison.Ordinal));
            Assert.DoesNotContain(_requests, r => r.Contains("/activities?watermark=", StringComparison.Ordinal));
        }
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
