using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IvigBot.BrowserTests;

/// <summary>
/// The real IvigBot host on 127.0.0.1 (random port, Kestrel, the repository's appsettings.json and faq/, no
/// Direct Line secret: the development secret is allowed on loopback) and one headless Chromium from
/// <see cref="Chromium.ExecutablePath"/>. Each test opens its own page, so none depends on another.
/// </summary>
public sealed class WebChatHostFixture : IAsyncLifetime, IDisposable
{
    private readonly HostFactory _factory = new();
    private ChromiumBrowser? _chromium;

    public Uri Address { get; private set; } = null!;

    public IBrowser Browser => _chromium!.Browser;

    public async Task InitializeAsync()
    {
        _chromium = await ChromiumBrowser.LaunchAsync();
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        Address = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _factory.DisposeAsync();
    }

    public void Dispose() => _factory.Dispose();

    private sealed class HostFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(RepositoryRoot());
            builder.UseEnvironment("Production");
            builder.UseSetting("MicrosoftAppId", string.Empty);
            builder.UseSetting("MicrosoftAppPassword", string.Empty);
            builder.UseSetting("DirectLine:Secret", string.Empty);
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IvigBot.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("IvigBot.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
