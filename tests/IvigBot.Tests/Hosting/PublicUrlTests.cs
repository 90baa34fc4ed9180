using System.Net;
using IvigBot.BotFramework.Tests.Infrastructure;
using IvigBot.Hosting;
using IvigBot.Tests.Bots;
using IvigBot.Tests.Reliability;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Hosting;

/// <summary>
/// With <c>PublicUrl</c> set, a request naming another host in its <c>Host</c> header is refused (400) before it can
/// shape the page's Content-Security-Policy or a Direct Line stream address; the public host and this machine's own
/// names are served. Before, any Host was accepted (<c>AllowedHosts</c> is <c>*</c>) and echoed into both.
/// </summary>
public sealed class PublicUrlTests : IDisposable
{
    private const string Public = "chat.example-clinic.org";

    private readonly ReliabilityHost _host = new(new Dictionary<string, string?> { [PublicUrl.Key] = $"https://{Public}" });
    private readonly HttpClient _client;

    public PublicUrlTests()
    {
        _client = _host.StartKestrel();
    }

    public void Dispose()
    {
        _client.Dispose();
        _host.Dispose();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/v3/directline/conversations")]
    [InlineData("/api/webchat/token")]
    public async Task A_foreign_host_header_is_refused(string path)
    {
        using var request = new HttpRequestMessage(path == "/" ? HttpMethod.Get : HttpMethod.Post, path);
        request.Headers.Host = "attacker.example";

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("attacker.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_host_and_this_machine_are_served_and_the_page_policy_names_the_public_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = Public;
        using var publicPage = await _client.SendAsync(request);
        using var local = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, publicPage.StatusCode);
        Assert.Contains($"connect-src 'self' ws://{Public} wss://{Public};", publicPage.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Theory]
    [InlineData("https://chat.example-clinic.org", true)]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("https://chat.example-clinic.org/bot", false)]
    [InlineData("https://chat.example-clinic.org/?x=1", false)]
    [InlineData("chat.example-clinic.org", false)]
    [InlineData("ftp://chat.example-clinic.org", false)]
    public void Only_a_bare_http_or_https_address_is_a_public_url(string value, bool valid)
    {
        Assert.Equal(valid, PublicUrl.TryParse(value, out _));
    }

    [Theory]
    [InlineData(null, "*", new[] { "http://0.0.0.0:3978" }, true)]
    [InlineData("https://chat.example-clinic.org", "*", new[] { "http://0.0.0.0:3978" }, false)]
    [InlineData(null, "chat.example-clinic.org", new[] { "http://0.0.0.0:3978" }, false)]
    [InlineData(null, "*", new[] { "http://127.0.0.1:3978" }, false)]
    public async Task Any_host_on_a_public_address_is_warned_about_at_start(string? publicUrl, string allowedHosts, string[] addresses, bool warned)
    {
        var logs = new RecordingLoggerProvider();
        using var factory = new LoggerFactory([logs]);
        var url = publicUrl is null ? null : new Uri(publicUrl);
        var guard = new PublicUrl.Guard(new FakeServer(addresses), url, Options.Create(new HostFilteringOptions { AllowedHosts = [allowedHosts] }), factory.CreateLogger<PublicUrl.Guard>());

        await guard.StartedAsync(CancellationToken.None);

        Assert.Equal(warned, logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("Set PublicUrl", StringComparison.Ordinal)));
    }
}
