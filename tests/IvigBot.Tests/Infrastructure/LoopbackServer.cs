using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IvigBot.Tests.Infrastructure;

/// <summary>Real Kestrel servers on 127.0.0.1 with a port the system picks, for the end-to-end fixtures.</summary>
public static class LoopbackServer
{
    /// <summary>Serves the host of <paramref name="factory"/> on http://127.0.0.1:random and returns that address.</summary>
    public static Uri Start<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return AddressOf(factory.Services);
    }

    /// <summary>The one address a started server listens on.</summary>
    public static Uri AddressOf(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
}
