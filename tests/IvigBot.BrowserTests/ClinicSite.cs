using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IvigBot.BrowserTests;

/// <summary>A stand-in for a clinic's own website: one HTML page at <c>/</c> on its own loopback port (another origin).</summary>
public sealed class ClinicSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ClinicSite(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The site's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address => _app.Urls.Single();

    public static async Task<ClinicSite> StartAsync(string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
        await app.StartAsync();
        return new ClinicSite(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
