namespace IvigBot.Hosting;

/// <summary>
/// Settings of the <c>RateLimiting</c> section: per-client token buckets (a burst, then a steady rate) for each kind
/// of endpoint. Over the limit a request gets 429 with <c>Retry-After</c>. See docs/security.md for who counts as a
/// client on each endpoint.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>False switches rate limiting off. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests from a loopback address without an <c>X-Forwarded-For</c> header (tests, benchmarks, health probes,
    /// tools on the same machine) are not limited. A reverse proxy on the same machine adds <c>X-Forwarded-For</c>, so
    /// what it forwards is limited by the address it names. Default: true.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary><c>POST /api/ask</c>, per client address. Default: a burst of 60, then 60 a minute.</summary>
    public RateLimitRule Ask { get; set; } = new();

    /// <summary>
    /// <c>POST /api/messages</c>, per conversation when the request carries a channel's token (Azure Bot Service speaks
    /// for every patient from a few addresses), else per client address. Default: a burst of 60, then 60 a minute.
    /// </summary>
    public RateLimitRule Messages { get; set; } = new();

    /// <summary>
    /// <c>POST /api/messages</c> requests with a token that is refused (401 or 403), per client address: past this, the
    /// address gets 429 for any token until the bucket refills, so made-up tokens cannot buy a fresh per-conversation
    /// bucket each. Valid tokens never use it. Default: a burst of 20, then 10 a minute.
    /// </summary>
    public RateLimitRule AuthFailures { get; set; } = new() { Burst = 20, PerMinute = 10 };

    /// <summary>
    /// Direct Line tokens and new conversations (and <c>/api/webchat/token</c>), per client address; also any Direct
    /// Line request without a valid token. Default: a burst of 60, then 60 a minute.
    /// </summary>
    public RateLimitRule DirectLine { get; set; } = new();

    /// <summary>
    /// One Direct Line conversation's requests with a valid token (posting, polling once a second, the stream, token
    /// refresh), per conversation: patients behind one clinic or hospital address each have their own. Default: a
    /// burst of 120, then 120 a minute.
    /// </summary>
    public RateLimitRule DirectLineConversation { get; set; } = new() { Burst = 120, PerMinute = 120 };

    public IEnumerable<string> Validate()
    {
        foreach (var (name, rule) in new[] { ("Ask", Ask), ("Messages", Messages), ("DirectLine", DirectLine), ("DirectLineConversation", DirectLineConversation), ("AuthFailures", AuthFailures) })
        {
            if (rule.Burst < 1 || rule.PerMinute < 1)
            {
                yield return $"RateLimiting:{name}: Burst and PerMinute must be at least 1 (set RateLimiting:Enabled to false to switch limiting off).";
            }
        }
    }
}

/// <summary>One token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="PerMinute"/> a minute.</summary>
public sealed class RateLimitRule
{
    /// <summary>Requests a client may send at once. Default: 60.</summary>
    public int Burst { get; set; } = 60;

    /// <summary>Requests a client may send per minute once the burst is used. Default: 60.</summary>
    public int PerMinute { get; set; } = 60;
}
