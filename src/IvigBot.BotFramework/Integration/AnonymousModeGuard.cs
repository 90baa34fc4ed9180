using IvigBot.BotFramework.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// Warns loudly, once the server has bound its addresses, when <c>MicrosoftAppId</c> is empty (so <c>/api/messages</c>
/// takes requests without any token) and the server listens beyond loopback. Anonymous mode is meant for the
/// Emulator on this machine, or for a bot reached only through its own Direct Line behind a local reverse proxy.
/// It warns rather than refuses: replies still go only to loopback or <c>AllowedServiceUrls</c>.
/// </summary>
public sealed partial class AnonymousModeGuard(IServer server, IOptions<BotFrameworkOptions> options, ILogger<AnonymousModeGuard> logger) : StartupCheck
{
    /// <summary>What the operator reads, naming the exposed addresses.</summary>
    public static string WarningMessage(IEnumerable<string> exposedAddresses) =>
        $"MicrosoftAppId is not set, so /api/messages accepts requests without authentication, and this server listens " +
        $"beyond localhost ({string.Join(", ", exposedAddresses)}): anyone who can reach it can talk to the bot as if " +
        "they were a channel. Set MicrosoftAppId and MicrosoftAppPassword (docs/production.md, step 5), or listen on " +
        "http://127.0.0.1 only behind a reverse proxy.";

    public override Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsAnonymous)
        {
            return Task.CompletedTask;
        }

        var exposed = ExposedAddresses(server);
        if (exposed.Count > 0)
        {
            var message = WarningMessage(exposed);
            LogExposed(logger, message);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogExposed(ILogger logger, string message);
}
