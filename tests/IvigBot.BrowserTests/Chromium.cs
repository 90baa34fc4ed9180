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

    /// <summary>Launches headless Chromium; the caller disposes the browser and then <paramref name="playwright"/>.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!IsInstalled)
        {
            // Only reached under CI=true (elsewhere the tests are skipped): fail loudly and say what to do.
            throw new InvalidOperationException(
                $"CI=true but Chromium is missing at {ExecutablePath}: .ci/run installs it with 'apt-get install -y chromium'.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = LaunchArguments,
        });
    }

    /// <summary>Why the browser tests are skipped, or null when they run (Chromium present, or CI where absence fails).</summary>
    public static string? SkipReason => IsInstalled || IsCi
        ? null
        : $"Chromium is not installed at {ExecutablePath} (install it with 'apt-get install chromium'); browser tests skipped. Under CI=true they fail instead.";
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
