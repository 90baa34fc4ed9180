namespace IvigBot.BotFramework.Connector;

/// <summary>
/// Timeouts and retries for posting to the Connector API. The defaults keep a reply inside the ~15 s a channel
/// waits for the bot: at most three attempts of up to 10 s each. A serviceUrl that nobody vouched for (anonymous mode,
/// a loopback URL not listed in <c>AllowedServiceUrls</c>) gets one attempt of <see cref="UnverifiedAttemptTimeout"/>.
/// </summary>
public sealed class ConnectorClientOptions
{
    /// <summary>Time allowed for one HTTP attempt, including getting a token. Default: 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// In anonymous mode, the time allowed for the one attempt at a serviceUrl that is not listed in
    /// <c>AllowedServiceUrls</c> (the caller chose it, e.g. the Emulator on loopback); such a URL is never retried, so a
    /// caller's URL that hangs holds a turn for this long at most. Default: 3 seconds.
    /// </summary>
    public TimeSpan UnverifiedAttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries after the first attempt on 408/429/5xx, timeouts and connection errors. Default: 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay; doubled per retry, with ±20 % jitter. Default: 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Longest wait between attempts. A <c>Retry-After</c> longer than this is not waited for: the send fails.
    /// Default: 10 seconds.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
