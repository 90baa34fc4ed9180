using IvigBot.BotFramework.DirectLine;
using IvigBot.BotFramework.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Tests.DirectLine;

public sealed class DirectLineTokenIssuerTests
{
    private const string Secret = "unit-test-secret-0123456789-abcdefghijklmnop";
    private readonly ManualTimeProvider _clock = new();

    private DirectLineTokenIssuer Issuer(string? secret = Secret) =>
        new(Options.Create(new DirectLineOptions { Secret = secret }), _clock);

    [Fact]
    public void A_token_grants_its_conversation_and_user_until_it_expires()
    {
        var issuer = Issuer();
        var token = issuer.Issue("conv-1", "dl_ana");

        Assert.True(issuer.TryValidate(token, out var granted, out _));
        Assert.Equal("conv-1", granted.ConversationId);
        Assert.Equal("dl_ana", granted.UserId);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(30), granted.ExpiresAt);
        Assert.Equal(1800, issuer.ExpiresInSeconds);

        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True(issuer.TryValidate(token, out _, out _));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(issuer.TryValidate(token, out _, out var failure));
        Assert.Equal("The token has expired.", failure);
    }

    [Fact]
    public void A_token_from_another_secret_is_refused()
    {
        var token = Issuer("another-secret-0123456789-abcdefghijklmnopqrs").Issue("conv-1", "dl_ana");

        Assert.False(Issuer().TryValidate(token, out _, out var failure));
        Assert.Equal("The token is not valid for this service.", failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJjb252IjoiYyIsInVzZXIiOiJ1IiwiZXhwIjo5OTk5OTk5OTk5fQ.")]
    public void Malformed_and_unsigned_tokens_are_refused(string token)
    {
        Assert.False(Issuer().TryValidate(token, out _, out var failure));
        Assert.NotNull(failure);
    }

    [Fact]
    public void Changing_any_claim_breaks_the_signature()
    {
        var issuer = Issuer();
        var parts = issuer.Issue("conv-1", "dl_ana").Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.Replace("conv-1", "conv-2", StringComparison.Ordinal)));

        Assert.False(issuer.TryValidate(string.Join('.', parts), out _, out _));
    }

    [Fact]
    public void Only_the_configured_secret_is_the_secret()
    {
        var issuer = Issuer();

        Assert.True(issuer.IsSecret(Secret));
        Assert.False(issuer.IsSecret(Secret + "x"));
        Assert.False(issuer.IsSecret(DirectLineOptions.DevelopmentSecret));
        Assert.False(issuer.IsSecret(null));
        Assert.True(Issuer(secret: null).IsSecret(DirectLineOptions.DevelopmentSecret));
    }

    [Fact]
    public void New_ids_are_unguessable_and_user_ids_are_marked_as_from_a_token()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => DirectLineTokenIssuer.NewConversationId()).ToList();

        Assert.Equal(100, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(24, id.Length));
        Assert.All(ids, id => Assert.DoesNotContain('|', id));
        Assert.StartsWith("dl_", DirectLineTokenIssuer.NewUserId(), StringComparison.Ordinal);
    }
}
