using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IvigBot.BrowserTests;

/// <summary>
/// The real IvigBot host on 127.0.0.1 (random port, Kestrel, the repository's appsettings.json and faq/, no Direct
/// Line secret: the development secret is allowed on loopback), with the given settings on top.
/// </summary>
internal sealed class IvigBotHost(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    public Uri Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseEnvironment("Production");
        builder.UseSetting("MicrosoftAppId", string.Empty);
        builder.UseSetting("MicrosoftAppPassword", string.Empty);
        builder.UseSetting("DirectLine:Secret", string.Empty);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
