namespace IvigBot.BotFramework.Authentication;

/// <summary>Supplies the bearer token the bot presents to the Connector API (protocol doc section 3.5).</summary>
public interface IAccessTokenProvider
{
    /// <summary>
    /// A token for <c>https://api.botframework.com/.default</c>, cached until shortly before it expires; null when the
    /// bot runs anonymously (no app id), in which case replies are sent without <c>Authorization</c>.
    /// </summary>
    /// <param name="forceRefresh">Skip the cache, e.g. after the Connector answered 401.</param>
    /// <param name="cancellationToken">Cancels the token request.</param>
    Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
