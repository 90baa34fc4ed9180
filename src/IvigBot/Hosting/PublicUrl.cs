using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace IvigBot.Hosting;

/// <summary>
/// <c>PublicUrl</c>: the address patients' browsers and channels reach the service at, e.g.
/// <c>https://chat.example-clinic.org</c>. The page's Content-Security-Policy and Direct Line's <c>streamUrl</c> are
/// built from a request's <c>Host</c> header; with <c>AllowedHosts</c> left at <c>*</c> any value a caller sends
/// flows into them. When <c>PublicUrl</c> is set and <c>AllowedHosts</c> is <c>*</c>, only its host and this
/// machine's own names (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>, for health probes and tools) are accepted;
/// any other <c>Host</c> gets 400 from ASP.NET Core's host filtering. An explicit <c>AllowedHosts</c> list wins.
/// </summary>
public static partial class PublicUrl
{
    public const string Key = "PublicUrl";

    /// <summary>The names a request from this machine may use whatever <c>PublicUrl</c> says.</summary>
    public static readonly IReadOnlyList<string> LocalHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static WebApplicationBuilder AddPublicUrl(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var value = builder.Configuration[Key];
        Uri? publicUrl = null;
        if (!string.IsNullOrWhiteSpace(value) && !TryParse(value, out publicUrl))
        {
            throw new OptionsValidationException(Key, typeof(Uri),
                [$"{Key} '{value}' must be an absolute http(s) URL with no path, query or fragment, e.g. https://chat.example-clinic.org"]);
        }

        // Runs after the host's own PostConfigure, which reads AllowedHosts from configuration.
        builder.Services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (publicUrl is not null && options.AllowedHosts.All(host => host == "*"))
            {
                options.AllowedHosts = [publicUrl.IdnHost, .. LocalHosts];
            }
        });
        builder.Services.AddHostedService(sp => new Guard(
            sp.GetRequiredService<IServer>(), publicUrl, sp.GetRequiredService<IOptions<HostFilteringOptions>>(), sp.GetRequiredService<ILogger<Guard>>()));
        return builder;
    }

    public static bool TryParse(string value, out Uri? url)
    {
        url = Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && parsed.AbsolutePath == "/" && parsed.Query.Length == 0 && parsed.Fragment.Length == 0
            && string.IsNullOrEmpty(parsed.UserInfo)
            ? parsed
            : null;
        return url is not null;
    }

    /// <summary>Warns at start-up when the server listens beyond loopback and any <c>Host</c> header is accepted.</summary>
    internal sealed partial class Guard(IServer server, Uri? publicUrl, IOptions<HostFilteringOptions> hostFiltering, ILogger<Guard> logger) : StartupCheck
    {
        public override Task StartedAsync(CancellationToken cancellationToken)
        {
            var exposed = ExposedAddresses(server);
            if (publicUrl is null && exposed.Count > 0 && hostFiltering.Value.AllowedHosts.All(host => host == "*"))
            {
                LogAnyHost(logger, string.Join(", ", exposed));
            }

            return Task.CompletedTask;
        }

        [LoggerMessage(Level = LogLevel.Warning, Message =
            "This server listens beyond localhost ({Addresses}) and accepts any Host header (AllowedHosts is *), which " +
            "flows into the page's Content-Security-Policy and the chat's stream address. Set PublicUrl to the address " +
            "patients use (e.g. PublicUrl=https://chat.example-clinic.org), or list AllowedHosts.")]
        private static partial void LogAnyHost(ILogger logger, string addresses);
    }
}
