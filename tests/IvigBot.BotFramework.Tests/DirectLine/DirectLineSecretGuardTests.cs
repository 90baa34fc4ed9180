using IvigBot.BotFramework.DirectLine;
using IvigBot.BotFramework.Integration;
using IvigBot.BotFramework.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Tests.DirectLine;

public sealed class DirectLineSecretGuardTests
{
    [Theory]
    [InlineData("http://localhost:3978", true)]
    [InlineData("http://LOCALHOST:3978/", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.0.0.2:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://localhost", true)]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://[::]:80", false)]
    [InlineData("http://192.168.1.20:3978", false)]
    [InlineData("https://bot.example-clinic.org", false)]
    public void Loopback_addresses_are_told_apart(string address, bool loopback)
    {
        Assert.Equal(loopback, StartupCheck.IsLoopback(address));
    }

    [Fact]
    public async Task Without_a_secret_the_host_refuses_to_serve_beyond_localhost()
    {
        var guard = Guard(secret: null, "http://localhost:3978", "http://0.0.0.0:3978");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => guard.StartedAsync(CancellationToken.None));

        Assert.StartsWith("DirectLine:Secret is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:3978", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("http://localhost:3978", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, new[] { "http://localhost:3978" })]
    [InlineData(null, new[] { "http://127.0.0.1:41234", "http://[::1]:41234" })]
    [InlineData(null, new string[0])]
    [InlineData("a-real-secret-0123456789-abcdefghijklmnopq", new[] { "http://0.0.0.0:80" })]
    public async Task Loopback_or_a_real_secret_is_fine(string? secret, string[] addresses)
    {
        await Guard(secret, addresses).StartedAsync(CancellationToken.None);
    }

    private static DirectLineSecretGuard Guard(string? secret, params string[] addresses) =>
        new(new FakeServer(addresses), Options.Create(new DirectLineOptions { Secret = secret }), NullLogger<DirectLineSecretGuard>.Instance);
}
