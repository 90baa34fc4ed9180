using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvigBot.BotFramework.Tests.Infrastructure;

/// <summary>
/// Plays login.botframework.com and login.microsoftonline.com: serves OpenID metadata and JWKS for the tests' own RSA
/// keys on https://127.0.0.1 (random port) and mints tokens signed with them. The SDK fetches metadata over HTTPS only,
/// with its own HttpClient, so the certificate made here (for 127.0.0.1, valid for an hour) is put into the current
/// user's trusted root store while the fixture lives, and taken out again when it is disposed.
/// </summary>
public sealed class OpenIdServerFixture : IAsyncLifetime
{
    public const string ChannelKeyId = "channel-key";
    public const string UnendorsedKeyId = "unendorsed-key";
    public const string EmulatorKeyId = "emulator-key";

    private WebApplication? _app;

    /// <summary>Published, endorsed for msteams, directline, webchat and emulator.</summary>
    public RSA ChannelKey { get; } = RSA.Create(2048);

    /// <summary>Published in the channel JWKS without endorsements.</summary>
    public RSA UnendorsedKey { get; } = RSA.Create(2048);

    /// <summary>Published in the Emulator (Entra) JWKS.</summary>
    public RSA EmulatorKey { get; } = RSA.Create(2048);

    /// <summary>Never published: tokens signed with it carry a known kid but a bad signature.</summary>
    public RSA AttackerKey { get; } = RSA.Create(2048);

    public Uri ChannelMetadataUrl { get; private set; } = null!;

    public Uri EmulatorMetadataUrl { get; private set; } = null!;

    /// <summary>
    /// The public-cloud settings of the SDK's <c>ConfigurationBotFrameworkAuthentication</c> with both OpenID metadata
    /// URLs pointed here (setting any of these keys makes the SDK expect all of them).
    /// </summary>
    public IReadOnlyDictionary<string, string?> SdkSettings => new Dictionary<string, string?>
    {
        ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["ToBotFromChannelTokenIssuer"] = "https://api.botframework.com",
        ["OAuthUrl"] = "https://api.botframework.com",
        ["CallerId"] = "urn:botframework:azure",
        ["ToBotFromChannelOpenIdMetadataUrl"] = ChannelMetadataUrl.AbsoluteUri,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = EmulatorMetadataUrl.AbsoluteUri,
    };

    private X509Certificate2 Certificate { get; } = CreateCertificate();

    private X509Certificate2 PublicCertificate => field ??= X509CertificateLoader.LoadCertificate(Certificate.RawData);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate)));
        _app = builder.Build();

        _app.MapGet("/channel/.well-known/openidconfiguration", (HttpContext context) =>
        {
            return Json(context, new JsonObject
            {
                ["issuer"] = "https://api.botframework.com",
                ["jwks_uri"] = $"{BaseUrl(context)}/channel/keys",
            });
        });
        _app.MapGet("/channel/keys", (HttpContext context) => Json(context, new JsonObject
        {
            ["keys"] = new JsonArray(
                Jwk(ChannelKey, ChannelKeyId, ["msteams", "directline", "webchat", "emulator"]),
                Jwk(UnendorsedKey, UnendorsedKeyId, null)),
        }));
        _app.MapGet("/emulator/.well-known/openid-configuration", (HttpContext context) => Json(context, new JsonObject
        {
            ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
            ["jwks_uri"] = $"{BaseUrl(context)}/emulator/keys",
        }));
        _app.MapGet("/emulator/keys", (HttpContext context) => Json(context, new JsonObject
        {
            ["keys"] = new JsonArray(Jwk(EmulatorKey, EmulatorKeyId, null)),
        }));

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        ChannelMetadataUrl = new Uri($"{address}/channel/.well-known/openidconfiguration");
        EmulatorMetadataUrl = new Uri($"{address}/emulator/.well-known/openid-configuration");
        using var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        roots.Open(OpenFlags.ReadWrite);
        roots.Add(PublicCertificate);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        ChannelKey.Dispose();
        UnendorsedKey.Dispose();
        EmulatorKey.Dispose();
        AttackerKey.Dispose();
        using (var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            roots.Open(OpenFlags.ReadWrite);
            roots.Remove(PublicCertificate);
        }

        PublicCertificate.Dispose();
        Certificate.Dispose();
    }

    /// <summary>A compact JWS over <paramref name="claims"/>.</summary>
    public static string CreateToken(RSA key, string keyId, JsonObject claims, string algorithm = "RS256")
    {
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = keyId };
        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        var hash = algorithm switch
        {
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), hash, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Claims of a valid channel token for <paramref name="appId"/> and <paramref name="serviceUrl"/>.</summary>
    public static JsonObject ChannelClaims(string appId, string serviceUrl, DateTimeOffset now) => new()
    {
        ["iss"] = "https://api.botframework.com",
        ["aud"] = appId,
        ["serviceurl"] = serviceUrl,
        ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
    };

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static JsonObject Jwk(RSA key, string keyId, string[]? endorsements)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = keyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)e).ToArray());
        }

        return jwk;
    }

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static Task Json(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
