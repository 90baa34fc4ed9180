using System.Net;
using System.Text.Json.Nodes;
using IvigBot.BotFramework.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace IvigBot.BotFramework.Tests.Authentication;

/// <summary>
/// Inbound authentication as the bot runs it: the SDK's <c>ConfigurationBotFrameworkAuthentication</c> (its OpenID
/// metadata settings pointed at <see cref="OpenIdServerFixture"/>, which serves the tests' own keys) behind
/// <see cref="Integration.FastCloudAdapter"/>, which answers 401 for every refusal and 403 for a serviceUrl that no
/// channel token vouched for.
/// </summary>
public sealed class BotFrameworkAuthenticationTests(OpenIdServerFixture server) : IClassFixture<OpenIdServerFixture>
{
    private const string AppId = "4f1c1c3e-1b2a-4e5f-9a7b-0c1d2e3f4a5b";
    private const string TeamsServiceUrl = "https://smba.trafficmanager.net/amer/";
    private const string EmulatorIssuerV2 = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";
    private const int Authorized = 200;
    private const int Unauthorized = 401;
    private const int ServiceUrlNotAllowed = 403;

    private readonly StubHttpMessageHandler _channel =
        StubHttpMessageHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"r1"}""") });

    [Fact]
    public async Task Valid_channel_token_is_authorized()
    {
        var bot = new RecordingBot();

        var status = await Authenticate(ChannelToken(ChannelClaims()), TeamsMessage(), bot: bot);

        Assert.Equal(Authorized, status);
        Assert.Equal("urn:botframework:azure", bot.CallerId);
    }

    [Fact]
    public async Task Serviceurl_claim_is_compared_case_insensitively()
    {
        var claims = ChannelClaims();
        claims["serviceurl"] = TeamsServiceUrl.ToUpperInvariant();

        Assert.True(await Authenticate(ChannelToken(claims), TeamsMessage()) == Authorized);
    }

    public static TheoryData<string, Action<JsonObject>> TamperedClaims => new()
    {
        { "wrong audience", c => c["aud"] = "another-bot" },
        { "wrong issuer", c => c["iss"] = "https://evil.example" },
        { "expired beyond clock skew", c => c["exp"] = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds() },
        { "no expiry", c => c.Remove("exp") },
        { "not valid yet", c => c["nbf"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds() },
        { "serviceurl claim mismatch", c => c["serviceurl"] = "https://attacker.example/" },
        { "no serviceurl claim", c => c.Remove("serviceurl") },
    };

    [Theory]
    [MemberData(nameof(TamperedClaims))]
    public async Task Tampered_channel_token_is_unauthorized(string because, Action<JsonObject> tamper)
    {
        var claims = ChannelClaims();
        tamper(claims);

        var status = await Authenticate(ChannelToken(claims), TeamsMessage());

        Assert.True(status == Unauthorized, because);
    }

    [Fact]
    public async Task Token_expired_within_clock_skew_is_still_accepted()
    {
        var claims = ChannelClaims();
        claims["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        claims["exp"] = DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds();

        Assert.True(await Authenticate(ChannelToken(claims), TeamsMessage()) == Authorized);
    }

    [Fact]
    public async Task Bad_signature_is_unauthorized()
    {
        var forged = OpenIdServerFixture.CreateToken(server.AttackerKey, OpenIdServerFixture.ChannelKeyId, ChannelClaims());

        Assert.Equal(Unauthorized, await Authenticate($"Bearer {forged}", TeamsMessage()));
    }

    [Fact]
    public async Task Payload_changed_after_signing_is_unauthorized()
    {
        var token = OpenIdServerFixture.CreateToken(server.ChannelKey, OpenIdServerFixture.ChannelKeyId, ChannelClaims());
        var parts = token.Split('.');
        var otherClaims = ChannelClaims();
        otherClaims["aud"] = AppId + "x";
        var otherPayload = OpenIdServerFixture.CreateToken(server.ChannelKey, OpenIdServerFixture.ChannelKeyId, otherClaims).Split('.')[1];

        var spliced = $"Bearer {parts[0]}.{otherPayload}.{parts[2]}";

        Assert.Equal(Unauthorized, await Authenticate(spliced, TeamsMessage()));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public async Task Algorithms_other_than_RSA_are_unauthorized(string algorithm)
    {
        var token = OpenIdServerFixture.CreateToken(server.ChannelKey, OpenIdServerFixture.ChannelKeyId, ChannelClaims(), algorithm);

        Assert.Equal(Unauthorized, await Authenticate($"Bearer {token}", TeamsMessage()));
    }

    [Fact]
    public async Task RS512_tokens_are_accepted()
    {
        var token = OpenIdServerFixture.CreateToken(server.ChannelKey, OpenIdServerFixture.ChannelKeyId, ChannelClaims(), "RS512");

        Assert.True(await Authenticate($"Bearer {token}", TeamsMessage()) == Authorized);
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_channel_is_unauthorized()
    {
        var unendorsed = OpenIdServerFixture.CreateToken(server.UnendorsedKey, OpenIdServerFixture.UnendorsedKeyId, ChannelClaims());
        var fromUnknownChannel = TeamsMessage();
        fromUnknownChannel.ChannelId = "skype";

        Assert.Equal(Unauthorized, await Authenticate($"Bearer {unendorsed}", TeamsMessage()));
        Assert.Equal(Unauthorized, await Authenticate(ChannelToken(ChannelClaims()), fromUnknownChannel));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    public async Task Missing_or_malformed_header_is_unauthorized_when_an_app_id_is_set(string? header)
    {
        Assert.Equal(Unauthorized, await Authenticate(header, TeamsMessage()));
    }

    [Theory]
    [InlineData("1.0", "appid")]
    [InlineData("2.0", "azp")]
    public async Task Emulator_token_with_the_bots_app_id_is_authorized_for_a_loopback_serviceUrl(string version, string appIdClaim)
    {
        var status = await Authenticate(EmulatorToken(version, appIdClaim, AppId), EmulatorMessage("http://localhost:52345"));

        Assert.Equal(Authorized, status);
    }

    [Fact]
    public async Task Emulator_token_for_another_app_is_unauthorized()
    {
        var status = await Authenticate(EmulatorToken("2.0", "azp", "someone-else"), EmulatorMessage("http://localhost:52345"));

        Assert.Equal(Unauthorized, status);
    }

    [Fact]
    public async Task Emulator_token_signed_with_a_channel_key_is_unauthorized()
    {
        var claims = EmulatorClaims("2.0", "azp", AppId);
        var token = OpenIdServerFixture.CreateToken(server.ChannelKey, OpenIdServerFixture.ChannelKeyId, claims);

        Assert.Equal(Unauthorized, await Authenticate($"Bearer {token}", EmulatorMessage("http://localhost:52345")));
    }

    [Fact]
    public async Task Emulator_token_may_only_reply_to_loopback_or_allowed_service_urls()
    {
        var token = EmulatorToken("2.0", "azp", AppId);

        var refused = await Authenticate(token, EmulatorMessage("https://abc.ngrok.example"));
        var allowed = await Authenticate(token, EmulatorMessage("https://abc.ngrok.example"), allowed: ["https://abc.ngrok.example/"]);

        Assert.Equal(ServiceUrlNotAllowed, refused);
        Assert.Equal(Authorized, allowed);
    }

    [Theory]
    [InlineData("http://localhost:52345")]
    [InlineData("http://127.0.0.1:3000/")]
    [InlineData("http://[::1]:3000/")]
    public async Task Anonymous_mode_accepts_requests_without_a_header_from_loopback(string serviceUrl)
    {
        var bot = new RecordingBot();

        var status = await Authenticate(null, EmulatorMessage(serviceUrl), appId: null, bot: bot);

        Assert.Equal(Authorized, status);
        Assert.Null(bot.CallerId);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", null)]
    [InlineData("https://directline.example.org.evil.example/", "https://directline.example.org/")]
    [InlineData("https://directline.example.org:8443/", "https://directline.example.org/")]
    public async Task Anonymous_mode_refuses_serviceUrls_that_are_not_loopback_or_allowed(string serviceUrl, string? allowedUrl)
    {
        var bot = new RecordingBot();

        var status = await Authenticate(null, EmulatorMessage(serviceUrl), appId: null, allowed: allowedUrl is null ? [] : [allowedUrl], bot: bot);

        Assert.Equal(ServiceUrlNotAllowed, status);
        Assert.False(bot.Ran);
    }

    [Fact]
    public async Task Anonymous_mode_accepts_an_allowed_serviceUrl()
    {
        var status = await Authenticate(null, EmulatorMessage("https://bot.example.com/directline/"), appId: null, allowed: ["https://bot.example.com/"]);

        Assert.Equal(Authorized, status);
    }

    [Fact]
    public async Task Anonymous_mode_with_expectReplies_needs_no_reachable_serviceUrl()
    {
        var activity = EmulatorMessage("https://unused.example/");
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        Assert.Equal(Authorized, await Authenticate(null, activity, appId: null));
    }

    [Fact]
    public async Task Anonymous_mode_rejects_a_token_it_cannot_validate()
    {
        Assert.Equal(Unauthorized, await Authenticate(ChannelToken(ChannelClaims()), TeamsMessage(), appId: null));
    }

    [Fact]
    public async Task Unreachable_metadata_means_unauthorized_not_a_crash()
    {
        var status = await Authenticate(ChannelToken(ChannelClaims()), TeamsMessage(), channelMetadataUrl: "https://127.0.0.1:9/nothing-here");

        Assert.Equal(Unauthorized, status);
    }

    /// <summary>The HTTP status <c>/api/messages</c> answers <paramref name="activity"/> with <paramref name="header"/>.</summary>
    private async Task<int> Authenticate(
        string? header,
        Activity activity,
        string? appId = AppId,
        string[]? allowed = null,
        string? channelMetadataUrl = null,
        IBot? bot = null)
    {
        var settings = new Dictionary<string, string?>(server.SdkSettings)
        {
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = appId is null ? null : "secret",
        };
        if (channelMetadataUrl is not null)
        {
            settings["ToBotFromChannelOpenIdMetadataUrl"] = channelMetadataUrl;
        }

        for (var i = 0; i < (allowed?.Length ?? 0); i++)
        {
            settings[$"AllowedServiceUrls:{i}"] = allowed![i];
        }

        var adapter = AdapterHarness.Create(new StubHttpClientFactory(_channel), settings);
        var response = await adapter.ProcessAsync(JsonConvert.SerializeObject(activity), bot ?? new RecordingBot(), header);
        return response.Status;
    }

    private string ChannelToken(JsonObject claims) =>
        $"Bearer {OpenIdServerFixture.CreateToken(server.ChannelKey, OpenIdServerFixture.ChannelKeyId, claims)}";

    private string EmulatorToken(string version, string appIdClaim, string appId) =>
        $"Bearer {OpenIdServerFixture.CreateToken(server.EmulatorKey, OpenIdServerFixture.EmulatorKeyId, EmulatorClaims(version, appIdClaim, appId))}";

    private static JsonObject ChannelClaims() => OpenIdServerFixture.ChannelClaims(AppId, TeamsServiceUrl, DateTimeOffset.UtcNow);

    private static JsonObject EmulatorClaims(string version, string appIdClaim, string appId) => new()
    {
        ["iss"] = EmulatorIssuerV2,
        ["aud"] = AppId,
        ["ver"] = version,
        [appIdClaim] = appId,
        ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
    };

    private static Activity TeamsMessage() => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = Channels.Msteams,
        ServiceUrl = TeamsServiceUrl,
        Conversation = new ConversationAccount(id: "a:1"),
        Text = "Can I drive after my infusion?",
    };

    private static Activity EmulatorMessage(string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = Channels.Emulator,
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount(id: "c1|livechat"),
    };

    /// <summary>Answers nothing (so no reply is sent anywhere) and remembers what the adapter handed it.</summary>
    private sealed class RecordingBot : IBot
    {
        public bool Ran { get; private set; }

        public string? CallerId { get; private set; }

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Ran = true;
            CallerId = turnContext.Activity.CallerId;
            return Task.CompletedTask;
        }
    }
}
