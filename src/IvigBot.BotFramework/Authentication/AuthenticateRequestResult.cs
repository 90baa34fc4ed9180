namespace IvigBot.BotFramework.Authentication;

/// <summary>Who sent an inbound activity, as far as authentication could tell.</summary>
public enum CallerKind
{
    /// <summary>No token; only possible when no app id is configured.</summary>
    Anonymous,

    /// <summary>An Azure Bot Service channel token (Teams, Direct Line, Web Chat, ...).</summary>
    Channel,

    /// <summary>A Bot Framework Emulator token issued with the bot's own credentials.</summary>
    Emulator,
}

/// <summary>What authentication decided; the adapter maps it to 401/403 or runs the turn.</summary>
public enum AuthenticationStatus
{
    Authorized,

    /// <summary>Missing or invalid token: HTTP 401.</summary>
    Unauthorized,

    /// <summary>The caller is accepted but the bot will not post to its <c>serviceUrl</c>: HTTP 403.</summary>
    ServiceUrlNotAllowed,
}

/// <summary>The outcome of <see cref="IBotFrameworkAuthentication.AuthenticateRequestAsync"/>.</summary>
public sealed class AuthenticateRequestResult
{
    private AuthenticateRequestResult(AuthenticationStatus status, CallerKind caller, string? callerId, string? failureReason)
    {
        Status = status;
        Caller = caller;
        CallerId = callerId;
        FailureReason = failureReason;
    }

    public AuthenticationStatus Status { get; }

    public CallerKind Caller { get; }

    /// <summary>Set on the activity's <c>CallerId</c>, e.g. <c>urn:botframework:azure</c> for channels.</summary>
    public string? CallerId { get; }

    /// <summary>A short reason for logs (never token contents); null when authorized.</summary>
    public string? FailureReason { get; }

    public bool IsAuthorized => Status == AuthenticationStatus.Authorized;

    public static AuthenticateRequestResult Authorized(CallerKind caller, string? callerId = null) =>
        new(AuthenticationStatus.Authorized, caller, callerId, null);

    public static AuthenticateRequestResult Unauthorized(string reason) =>
        new(AuthenticationStatus.Unauthorized, CallerKind.Anonymous, null, reason);

    public static AuthenticateRequestResult ServiceUrlNotAllowed(CallerKind caller) =>
        new(AuthenticationStatus.ServiceUrlNotAllowed, caller, null, "serviceUrl is not loopback or listed in AllowedServiceUrls");
}
