using Microsoft.Playwright;

namespace IvigBot.BrowserTests;

/// <summary>
/// Where the browser tests find Chromium: Debian's package (<c>apt-get install chromium</c>). Playwright never
/// downloads a browser here. Without it the tests are skipped, except under CI (<c>CI=true</c>), where
/// <c>.ci/run</c> installs it and a missing browser must fail the run instead.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] LaunchArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests are skipped, or null when they run (Chromium present, or CI where absence fails).</summary>
    public static string? SkipReason => IsInstalled || IsCi
        ? null
        : $"Chromium is not installed at {ExecutablePath} (install it with 'apt-get install chromium'); browser tests skipped. Under CI=true they fail instead.";
}

/// <summary>Playwright with one headless Chromium, for a fixture to share between its tests.</summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Starts the browser; without Chromium (only reached under CI=true, elsewhere the tests are skipped) fails loudly and says what to do.</summary>
    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        if (!Chromium.IsInstalled)
        {
            throw new InvalidOperationException(
                $"CI=true but Chromium is missing at {Chromium.ExecutablePath}: .ci/run installs it with 'apt-get install -y chromium'.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.LaunchArguments,
        });
        return new ChromiumBrowser(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>A theory that needs Chromium: skipped with the reason when it is missing (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs Chromium: skipped with the reason when it is missing (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
