using Microsoft.Playwright;

namespace IvigBot.BrowserTests;

/// <summary>
/// What the browser tests share: one headless Chromium from <see cref="Chromium.ExecutablePath"/>; the real IvigBot
/// host (<see cref="IvigBotHost"/>) with <c>DirectLine:AllowedOrigins</c> empty (<see cref="Address"/>);
/// a second host that allows only <see cref="ClinicSite"/>'s origin (<see cref="RestrictedAddress"/>); the clinic's
/// own website on another loopback port, and a foreign site on a third. Each test opens its own browser context and
/// publishes its own pages, so none depends on another.
/// </summary>
public sealed class WebChatHostFixture : IAsyncLifetime, IDisposable
{
    private readonly IvigBotHost _open = new();
    private IvigBotHost? _restricted;
    private ChromiumBrowser? _chromium;

    /// <summary>The host that any origin may use.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The host whose <c>DirectLine:AllowedOrigins</c> names only <see cref="ClinicSite"/>.</summary>
    public Uri RestrictedAddress { get; private set; } = null!;

    /// <summary>The clinic's own website: another origin than either host.</summary>
    public ClinicSite ClinicSite { get; private set; } = null!;

    /// <summary>A site that no host allows.</summary>
    public ClinicSite ForeignSite { get; private set; } = null!;

    public IBrowser Browser => _chromium!.Browser;

    public async Task InitializeAsync()
    {
        ClinicSite = await ClinicSite.StartAsync();
        ForeignSite = await ClinicSite.StartAsync();
        Address = _open.Start();
        _restricted = new IvigBotHost(("DirectLine:AllowedOrigins:0", ClinicSite.Address));
        RestrictedAddress = _restricted.Start();

        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

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
}
