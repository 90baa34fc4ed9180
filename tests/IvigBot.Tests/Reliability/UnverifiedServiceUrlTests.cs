using System.Net;
using Microsoft.Extensions.Logging;

namespace IvigBot.Tests.Reliability;

/// <summary>
/// Anonymous mode with a serviceUrl the caller chose (loopback, not in <c>AllowedServiceUrls</c>): nobody vouched for
/// it, so the bot gives it one short attempt and never retries. Before, a caller's URL that hung held the turn for
/// three attempts of 10 s plus backoff, with a new connection each time.
/// </summary>
public sealed class UnverifiedServiceUrlTests : FaultyConnectorTestBase
{
    protected override Dictionary<string, string?> Settings(Uri connector) => new()
    {
        ["Connector:UnverifiedAttemptTimeout"] = "00:00:01",
        ["Connector:BaseDelay"] = "00:00:00.050",
    };

    [Theory]
    [InlineData(ConnectorFault.Hang, "Timeout")]
    [InlineData(ConnectorFault.ServerError, "status 500")]
    [InlineData(ConnectorFault.TooManyRequests, "status 429")]
    public async Task A_callers_serviceUrl_that_fails_gets_one_attempt_per_activity_and_no_retry(ConnectorFault fault, string logged)
    {
        var conversationId = Guid.NewGuid().ToString();
        Connector.Always(conversationId, fault);

        using var response = await PostAsync(conversationId, "what is IVIG flu").WaitAsync(Patience);

        // The typing indicator once, then the polite error message once; with retries it was six attempts.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal([fault, fault], Connector.AttemptsTo(conversationId));
        Assert.DoesNotContain(Host.Logs.Entries, e => e.Message.Contains("retrying", StringComparison.Ordinal));
        Assert.Contains(Host.Logs.Entries, e => e.Level == LogLevel.Error
            && e.Message.StartsWith("Connector POST to 127.0.0.1 failed", StringComparison.Ordinal)
            && e.Message.Contains(logged, StringComparison.Ordinal)
            && e.Message.EndsWith("after 1 attempt(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callers_serviceUrl_that_works_gets_the_answer()
    {
        var conversationId = Guid.NewGuid().ToString();

        using var response = await PostAsync(conversationId, "what is IVIG flu").WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = Connector.AcceptedFor(conversationId);
        Assert.Equal(["typing", "message"], accepted.Select(a => (string?)a["type"]));
        Assert.Contains("IVIG flu", (string?)accepted[1]["text"], StringComparison.Ordinal);
    }
}
