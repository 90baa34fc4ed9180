using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// A check that runs once the server has started and bound its addresses (<see cref="StartedAsync"/>): throwing
/// there stops the host. Every other step of the host's lifecycle does nothing.
/// </summary>
public abstract class StartupCheck : IHostedLifecycleService
{
    public abstract Task StartedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True when <paramref name="address"/> (as in <c>urls</c>: <c>http://localhost:3978</c>, <c>http://+:80</c>,
    /// <c>http://0.0.0.0:5000</c>) can only be reached from this machine.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd >= 0 ? address[(schemeEnd + 3)..] : address;
        var host = rest.Split('/')[0];
        if (host.StartsWith('['))
        {
            host = host[1..Math.Max(1, host.IndexOf(']', StringComparison.Ordinal))];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>The addresses <paramref name="server"/> bound that other machines can reach (none for an in-memory test server).</summary>
    protected static List<string> ExposedAddresses(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Where(a => !IsLoopback(a)).ToList();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
