using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IvigBot.BrowserTests;

/// <summary>
/// Debian's nginx (<c>apt-get install nginx</c>) on 127.0.0.1 with a server block taken from docs/production.md:
/// only the listen port, the upstream port and the certificate (a self-signed one for 127.0.0.1, made here) change.
/// Without nginx the tests that need it are skipped, except under CI (<c>CI=true</c>), where <c>.ci/run</c>
/// installs it and its absence must fail the run.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _folder;

    private Nginx(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Why the nginx tests are skipped, or null when they run (nginx present, or CI where absence fails).</summary>
    public static string? SkipReason => (IsInstalled && Chromium.IsInstalled) || Chromium.IsCi
        ? null
        : $"nginx ({ExecutablePath}) or Chromium is not installed (apt-get install nginx chromium); reverse-proxy tests skipped. Under CI=true they fail instead.";

    /// <summary>The proxy's address, e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts nginx with <paramref name="configuration"/> (an http-level block) in front of <paramref name="upstream"/>.</summary>
    public static async Task<Nginx> StartAsync(string configuration, Uri upstream)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"CI=true but nginx is missing at {ExecutablePath}: .ci/run installs it with 'apt-get install -y nginx'.");
        }

        var folder = Directory.CreateTempSubdirectory("ivigbot-nginx-").FullName;
        var (certificate, key) = WriteCertificate(folder);
        var port = FreePort();
        var server = Replace(configuration, "listen 443 ssl;", $"listen 127.0.0.1:{port} ssl;");
        server = Replace(server, "proxy_pass http://127.0.0.1:3978;", $"proxy_pass http://127.0.0.1:{upstream.Port};");
        server = Replace(server, "/etc/ssl/certs/bot.example-clinic.org.pem", certificate);
        server = Replace(server, "/etc/ssl/private/bot.example-clinic.org.key", key);
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
            {{server}}
            }
            """);

        var start = new ProcessStartInfo(ExecutablePath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var nginx = new Nginx(process, folder, new Uri($"https://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (process.HasExited)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? File.ReadAllText(Path.Combine(folder, "error.log")) : string.Empty;
                throw new InvalidOperationException($"nginx exited at start: {await process.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The documented configuration must contain what a test changes, or the test would not test it.</summary>
    private static string Replace(string configuration, string documented, string replacement) =>
        configuration.Contains(documented, StringComparison.Ordinal)
            ? configuration.Replace(documented, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"docs/production.md's nginx configuration no longer has '{documented}'.");

    private static (string Certificate, string Key) WriteCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(folder, "proxy.pem");
        var keyPath = Path.Combine(folder, "proxy.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A fact that needs nginx and Chromium: skipped with the reason when either is missing (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (Nginx.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
