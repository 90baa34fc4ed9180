namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// Settings of the self-hosted Direct Line 3.0 endpoint (the <c>DirectLine</c> section), validated on start by
/// <see cref="DirectLineOptionsValidator"/>. Conversations live in memory; with the defaults the store never holds
/// more than <see cref="MaxConversations"/> × <see cref="MaxActivitiesPerConversation"/> activities.
/// </summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>
    /// The value used when <see cref="Secret"/> is empty. It is public knowledge, so the host refuses to start with it
    /// unless every address it listens on is loopback (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>).
    /// </summary>
    public const string DevelopmentSecret = "ivigbot-development-secret-for-localhost-only";

    /// <summary>Shortest accepted <see cref="Secret"/>, in characters.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>
    /// The Direct Line secret: the Bearer credential of <c>POST /v3/directline/tokens/generate</c> (for a website's
    /// own server) and the key tokens are signed with (HMAC-SHA256). At least <see cref="MinimumSecretLength"/>
    /// characters, e.g. from <c>openssl rand -base64 32</c>. Default: empty, which means
    /// <see cref="DevelopmentSecret"/> and is allowed only while the host listens on loopback addresses alone.
    /// Set it through the environment (<c>DirectLine__Secret</c>), never in a committed file.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a token is valid; clients refresh it halfway (DirectLineJS every 15 minutes). Default: 30 minutes (Azure's 1800 s).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Most conversations held at once. When the store is full (after dropping idle ones) new conversations are
    /// refused with 503 and a <c>Retry-After</c> header, so no number of visitors can exhaust memory. Default: 500.
    /// </summary>
    public int MaxConversations { get; set; } = 500;

    /// <summary>
    /// Most live conversations one client (one address, see <c>ClientAddress</c>) may hold, so that one client cannot
    /// fill the store for everyone else; past it, starting another gets 429 with <c>Retry-After</c> until one of its
    /// conversations goes idle. A tool on this machine (loopback without <c>X-Forwarded-For</c>) has no cap; a reverse
    /// proxy on this machine must send <c>X-Forwarded-For</c>. 0: no cap. Default: 20.
    /// </summary>
    public int MaxConversationsPerClient { get; set; } = 20;

    /// <summary>A conversation no client request has touched for this long is dropped. Default: 30 minutes.</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Most activities kept per conversation; beyond it the oldest are dropped (clients have already received
    /// them). Default: 100.
    /// </summary>
    public int MaxActivitiesPerConversation { get; set; } = 100;

    /// <summary>Largest activity a client may post, in bytes of JSON; larger ones get 413. Default: 16,384 (16 KiB).</summary>
    public int MaxActivityBytes { get; set; } = 16 * 1024;

    /// <summary>How often an idle WebSocket stream gets an empty keep-alive frame. Default: 15 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Origins (e.g. <c>https://www.example-clinic.org</c>) whose pages may call the Direct Line and token endpoints
    /// from the browser. Default: empty, which allows any origin: the endpoints use Bearer tokens, never cookies.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary><see cref="Secret"/>, or <see cref="DevelopmentSecret"/> when it is empty.</summary>
    public string EffectiveSecret => string.IsNullOrEmpty(Secret) ? DevelopmentSecret : Secret;

    /// <summary>True when no secret is configured and the development default is in use.</summary>
    public bool UsesDevelopmentSecret => string.IsNullOrEmpty(Secret);
}
