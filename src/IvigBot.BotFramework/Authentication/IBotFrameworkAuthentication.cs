using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Authentication;

/// <summary>Authenticates inbound <c>/api/messages</c> requests as Bot Framework does (protocol doc section 3).</summary>
public interface IBotFrameworkAuthentication
{
    /// <param name="activity">The parsed activity; its <c>serviceUrl</c> and <c>channelId</c> are checked against the token.</param>
    /// <param name="authorizationHeader">The raw <c>Authorization</c> header, or null/empty when absent.</param>
    /// <param name="cancellationToken">Cancels fetching signing keys.</param>
    Task<AuthenticateRequestResult> AuthenticateRequestAsync(
        Activity activity,
        string? authorizationHeader,
        CancellationToken cancellationToken);
}
