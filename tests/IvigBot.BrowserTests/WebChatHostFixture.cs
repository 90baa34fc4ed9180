using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IvigBot.BrowserTests;

/// <summary>
/// What the browser tests share: one headless Chromium from <see cref="Chromium.ExecutablePath"/>; the real IvigBot
/// host on 127.0.0.1 (random port, Kestrel, the repository's appsettings.json and faq/, no Direct Line secret: the
/// development secret is allowed on loopback) with <c>DirectLine:AllowedOrigins</c> empty (<see cref="Address"/>);
/// a second host that allows only <see cref="ClinicSite"/>'s origin (<see cref="RestrictedAddress"/>); the clinic's
/// own website on another loopback port, and a foreign site on a third. Each test opens its own browser context and
/// publishes its own pages, so none depends on another.
/// </summary>
public sealed class WebChatHostFixture : IAsyncLifetime, IDisposable
{
    private readonly HostFactory _open = new(allowedOrigin: null);
    private HostFactory? _restricted;
    private IPlaywright? _playwright;

    /// <summary>The host that any origin may use.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The host whose <c>DirectLine:AllowedOrigins</c> names only <see cref="ClinicSite"/>.</summary>
    public Uri RestrictedAddress { get; private set; } = null!;

    /// <summary>The clinic's own website: another origin than either host.</summary>
    public ClinicSite ClinicSite { get; private set; } = null!;

    /// <summary>A site that no host allows.</summary>
    public ClinicSite ForeignSite { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            // Only reached under CI=true (elsewhere the tests are skipped): fail loudly and say what to do.
            throw new InvalidOperationException(
                $"CI=true but Chromium is missing at {Chromium.ExecutablePath}: .ci/run installs it with 'apt-get install -y chromium'.");
        }

        ClinicSite = await ClinicSite.StartAsync();
        ForeignSite = await ClinicSite.StartAsync();
        Address = _open.Start();
        _restricted = new HostFactory(allowedOrigin: ClinicSite.Address);
        RestrictedAddress = _restricted.Start();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.LaunchArguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _open.DisposeAsync();
        if (_restricted is not null)
        {
            await _restricted.DisposeAsync();
        }

        if (ClinicSite is not null)
        {
            await ClinicSite.DisposeAsync();
        }

        if (ForeignSite is not null)
        {
            await ForeignSite.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _open.Dispose();
        _restricted?.Dispose();
    }

    private sealed class HostFactory(string? allowedOrigin) : WebApplicationFactory<Program>
    {
        public Uri Start()
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(RepositoryRoot());
            builder.UseEnvironment("Production");
            builder.UseSetting("MicrosoftAppId", string.Empty);
            builder.UseSetting("MicrosoftAppPassword", string.Empty);
            builder.UseSetting("DirectLine:Secret", string.Empty);
            if (allowedOrigin is not null)
            {
                builder.UseSetting("DirectLine:AllowedOrigins:0", allowedOrigin);
            }
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
