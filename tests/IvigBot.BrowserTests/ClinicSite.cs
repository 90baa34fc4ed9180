using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IvigBot.BrowserTests;

/// <summary>
/// A stand-in for a clinic's own website on its own loopback port (another origin than the bot's): each published
/// HTML page gets a path of its own, so tests sharing the site never see each other's pages.
/// </summary>
public sealed class ClinicSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _pages = new(StringComparer.Ordinal);

    private ClinicSite(WebApplication app)
    {
        _app = app;
        _app.MapGet("/{page}", (string page) => _pages.TryGetValue(page, out var html)
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.NotFound());
    }

    /// <summary>The site's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address => _app.Urls.Single();

    public static async Task<ClinicSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var site = new ClinicSite(builder.Build());
        await site._app.StartAsync();
        return site;
    }

    /// <summary>Serves <paramref name="html"/> at a new path of the site and returns its address.</summary>
    public string Publish(string html)
    {
        var page = Guid.NewGuid().ToString("N") + ".html";
        _pages[page] = html;
        return $"{Address}/{page}";
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
