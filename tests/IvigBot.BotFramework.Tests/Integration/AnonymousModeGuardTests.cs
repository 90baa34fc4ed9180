using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.Integration;
using IvigBot.BotFramework.Tests.Infrastructure;
using IvigBot.BotFramework.Tests.Teams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Tests.Integration;

/// <summary>Anonymous mode (no MicrosoftAppId) on a public address is warned about loudly at start-up.</summary>
public sealed class AnonymousModeGuardTests
{
    [Fact]
    public async Task Anonymous_mode_beyond_localhost_is_a_critical_warning_naming_the_addresses()
    {
        var logger = new RecordingLogger<AnonymousModeGuard>();

        await Guard(appId: null, logger, "http://localhost:3978", "http://0.0.0.0:3978").StartedAsync(CancellationToken.None);

        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Critical, level);
        Assert.StartsWith("MicrosoftAppId is not set", message, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:3978", message, StringComparison.Ordinal);
        Assert.DoesNotContain("http://localhost:3978", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, new[] { "http://localhost:3978" })]
    [InlineData(null, new[] { "http://127.0.0.1:41234", "http://[::1]:41234" })]
    [InlineData(null, new string[0])]
    [InlineData("00000000-0000-0000-0000-000000000001", new[] { "http://0.0.0.0:80" })]
    public async Task Loopback_or_an_app_id_is_not_warned_about(string? appId, string[] addresses)
    {
        var logger = new RecordingLogger<AnonymousModeGuard>();

        await Guard(appId, logger, addresses).StartedAsync(CancellationToken.None);

        Assert.Empty(logger.Entries);
    }

    private static AnonymousModeGuard Guard(string? appId, ILogger<AnonymousModeGuard> logger, params string[] addresses) =>
        new(new FakeServer(addresses), Options.Create(new BotFrameworkOptions { MicrosoftAppId = appId }), logger);
}
