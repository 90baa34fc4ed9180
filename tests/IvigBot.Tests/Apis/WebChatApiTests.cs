using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IvigBot.Tests.DirectLine;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Apis;

/// <summary>The patient page and what it loads, served by the host itself (in memory, repository settings).</summary>
public sealed partial class WebChatApiTests(IvigBotFactory factory) : IClassFixture<IvigBotFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_page_has_the_clinic_name_disclaimer_starter_questions_and_the_chat()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>IVIG patient information · Questions about IVIG treatment</title>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("not medical advice", html, StringComparison.Ordinal);
        Assert.Contains("Not for emergencies", html, StringComparison.Ordinal);
        Assert.Contains("call emergency services (911 in the US, 999 in the UK, 112 in Europe) now", html, StringComparison.Ordinal);
        Assert.Equal(
            ["what-is-ivig", "ivig-flu", "infusion-length", "common-side-effects"],
            StarterIds().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("id=\"ivigbot-chat\"", html, StringComparison.Ordinal);
        Assert.Contains("<main", html, StringComparison.Ordinal);
        Assert.Contains("data-transport=\"websocket\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_loads_nothing_from_other_sites()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var sources = SourceAttributes().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["data:,", "webchat/ivigbot-page.css", "#ivigbot-chat", "webchat/webchat.js", "webchat/ivigbot-chat.js"], sources);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?transport=polling", "polling")]
    [InlineData("/?transport=POLLING", "polling")]
    [InlineData("/?transport=carrier-pigeon", "websocket")]
    [InlineData("/?transport=%22%3E%3Cscript%3E", "websocket")]
    public async Task The_transport_can_be_switched_to_polling(string path, string transport)
    {
        var html = await _client.GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.Contains($"data-transport=\"{transport}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clinic_name_is_a_setting_and_is_html_encoded()
    {
        using var configured = WithSettings(("WebChat:ClinicName", "St. Mary's <Infusion> & Co"));
        using var client = configured.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("St. Mary&#x27;s &lt;Infusion&gt; &amp; Co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Infusion>", html, StringComparison.Ordinal);
    }

    /// <summary>A clinic sets its emergency number once: the page, the widget and every emergency reply use it.</summary>
    [Fact]
    public async Task One_emergency_number_setting_changes_the_page_and_every_emergency_reply()
    {
        using var configured = WithSettings(("Answering:EmergencyNumber", "999"));
        using var client = configured.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("call emergency services (999) now", html, StringComparison.Ordinal);
        Assert.Contains("data-emergency=\"emergency services (999)\"", html, StringComparison.Ordinal);

        foreach (var message in new[] { "I can't breathe", "my throat is swelling", "crushing chest pain", "I haven't passed urine since the infusion" })
        {
            using var response = await client.PostAsJsonAsync("/api/ask", new { question = message });
            var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("emergency", reply.GetProperty("kind").GetString());
            var text = reply.GetProperty("text").GetString()!;
            Assert.Contains("(999)", text, StringComparison.Ordinal);
            Assert.DoesNotContain("911", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{emergency-number}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_empty_clinic_name_stops_the_host_at_start()
    {
        using var configured = WithSettings(("WebChat:ClinicName", " "));

        var error = Assert.Throws<OptionsValidationException>(() => configured.CreateClient());

        Assert.Contains("WebChat", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/webchat/webchat.js", "text/javascript", "botframework-webchat")]
    [InlineData("/webchat/ivigbot-chat.js", "text/javascript", "/api/webchat/token")]
    [InlineData("/webchat/ivigbot-page.css", "text/css", ":focus-visible")]
    public async Task The_scripts_and_style_are_served_locally(string path, string mediaType, string content)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/webchat/index.html")]
    [InlineData("/webchat/..%2Fappsettings.json")]
    [InlineData("/webchat/IvigBot.dll")]
    public async Task Nothing_else_is_served_from_the_webchat_folder(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_page_token_opens_a_new_conversation_of_its_own()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token");
        request.Headers.Add("Origin", "https://www.example-clinic.org");
        using var first = await _client.SendAsync(request);
        using var second = await _client.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("*", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var one = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var two = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        var token = (string)one["token"]!;
        Assert.Equal((string?)one["conversationId"], DirectLineContractTests.TokenClaim(token, "conv"));
        Assert.StartsWith("dl_", DirectLineContractTests.TokenClaim(token, "user"), StringComparison.Ordinal);
        Assert.Equal(1800, (int)one["expires_in"]!);
        Assert.NotEqual((string?)one["conversationId"], (string?)two["conversationId"]);
        Assert.NotEqual(DirectLineContractTests.TokenClaim(token, "user"), DirectLineContractTests.TokenClaim((string)two["token"]!, "user"));
    }

    [Fact]
    public async Task Allowed_origins_restrict_which_websites_may_use_the_chat()
    {
        using var configured = WithSettings(("DirectLine:AllowedOrigins:0", "https://www.example-clinic.org/"));
        using var client = configured.CreateClient();

        async Task<string?> AllowedOriginFor(string origin)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/webchat/token");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            using var response = await client.SendAsync(preflight);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal("https://www.example-clinic.org", await AllowedOriginFor("https://www.example-clinic.org"));
        Assert.Null(await AllowedOriginFor("https://elsewhere.example"));
    }

    // Added after the repository's appsettings.json, so these win.
    private WebApplicationFactory<Program> WithSettings(params (string Key, string? Value)[] settings) =>
        factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))));

    [GeneratedRegex("data-ivigbot-entry-id=\"([^\"]+)\"")]
    private static partial Regex StarterIds();

    [GeneratedRegex("(?:src|href)=\"([^\"]*)\"")]
    private static partial Regex SourceAttributes();
}
