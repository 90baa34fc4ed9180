using System.Net;

namespace IvigBot.BotFramework.Connector;

/// <summary>Why a Connector call failed.</summary>
public enum ConnectorFailure
{
    /// <summary>The channel answered with a non-success status.</summary>
    HttpStatus,

    /// <summary>No answer within <see cref="ConnectorClientOptions.AttemptTimeout"/>.</summary>
    Timeout,

    /// <summary>The connection could not be made or broke.</summary>
    Connection,

    /// <summary>The bot's outbound token could not be obtained.</summary>
    Token,
}

/// <summary>A Connector call that failed after its retries. The message never contains activity text.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(ConnectorFailure failure, HttpStatusCode? statusCode, int attempts, Exception? innerException = null)
        : base(Describe(failure, statusCode, attempts), innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    public ConnectorFailure Failure { get; }

    /// <summary>The last HTTP status, when the channel answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    public int Attempts { get; }

    private static string Describe(ConnectorFailure failure, HttpStatusCode? statusCode, int attempts) =>
        statusCode is { } status
            ? $"Sending the activity failed with HTTP {(int)status} after {attempts} attempt(s)."
            : $"Sending the activity failed ({failure}) after {attempts} attempt(s).";
}
