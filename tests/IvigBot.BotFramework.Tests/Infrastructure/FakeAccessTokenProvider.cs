using IvigBot.BotFramework.Authentication;

namespace IvigBot.BotFramework.Tests.Infrastructure;

/// <summary>Hands out "token-1", "token-2", ... (a new one on each forced refresh), or null for anonymous bots.</summary>
internal sealed class FakeAccessTokenProvider(bool anonymous = false) : IAccessTokenProvider
{
    private int _issued = 1;

    public int ForcedRefreshes { get; private set; }

    public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (anonymous)
        {
            return Task.FromResult<string?>(null);
        }

        if (forceRefresh)
        {
            ForcedRefreshes++;
            _issued++;
        }

        return Task.FromResult<string?>($"token-{_issued}");
    }
}
