using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Hosting.Server;
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

    public override Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!_options.Value.UsesDevelopmentSecret)
        {
            return Task.CompletedTask;
        }

        var exposed = ExposedAddresses(_server);
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
