using System.Net;
using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// Stops the host when <c>DirectLine:Secret</c> is empty (so the public development secret is in use) and the server
/// listens on anything but loopback. It looks at the addresses the server really bound, once it has started.
/// </summary>
public sealed partial class DirectLineSecretGuard : StartupCheck
{
    /// <summary>What the operator reads when the host refuses to start, naming the exposed addresses.</summary>
    public static string RefusalMessage(IEnumerable<string> exposedAddresses) =>
        $"DirectLine:Secret is not set, and this server listens beyond localhost ({string.Join(", ", exposedAddresses)}). " +
        "The built-in development secret is public, so it is only allowed on localhost. Set a secret of at least 32 " +
        "characters, e.g. DirectLine__Secret=\"$(openssl rand -base64 32)\", or listen on http://localhost only.";

    private readonly IServer _server;
    private readonly IOptions<DirectLineOptions> _options;
    private readonly ILogger<DirectLineSecretGuard> _logger;

    public DirectLineSecretGuard(IServer server, IOptions<DirectLineOptions> options, ILogger<DirectLineSecretGuard> logger)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

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

    public override Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!_options.Value.UsesDevelopmentSecret)
        {
            return Task.CompletedTask;
        }

        // No address feature (e.g. an in-memory test server): nothing is reachable from the network.
        var addresses = _server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            var message = RefusalMessage(exposed);
            LogRefused(_logger, message);
            throw new InvalidOperationException(message);
        }

        LogDevelopmentSecret(_logger);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogRefused(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line uses the development secret: fine on localhost; set DirectLine:Secret before serving anyone else")]
    private static partial void LogDevelopmentSecret(ILogger logger);
}
