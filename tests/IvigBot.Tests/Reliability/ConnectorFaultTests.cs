using System.Net;
using Microsoft.Extensions.Logging;

namespace IvigBot.Tests.Reliability;

/// <summary>
/// The bot on a loopback port replying through a connector that fails: it retries within bounds (three attempts of at
/// most 1 s here), logs each failure without patient text, and keeps answering other conversations meanwhile. The
/// connector is listed in <c>AllowedServiceUrls</c>, as an administrator lists a self-hosted channel; an unlisted one
/// gets no retries (<see cref="UnverifiedServiceUrlTests"/>).
/// </summary>
public sealed class ConnectorFaultTests : FaultyConnectorTestBase
{
    protected override Dictionary<string, string?> Settings(Uri connector) => new()
    {
        ["Connector:AttemptTimeout"] = "00:00:01",
        ["Connector:MaxRetries"] = "2",
        ["Connector:BaseDelay"] = "00:00:00.050",
        ["Connector:MaxDelay"] = "00:00:03",
        ["AllowedServiceUrls:0"] = connector.ToString(),
    };

    [Theory]
    [InlineData(ConnectorFault.ServerError, 500)]
    [InlineData(ConnectorFault.TooManyRequests, 429)]
    [InlineData(ConnectorFault.Hang, null)]
    [InlineData(ConnectorFault.Drop, null)]
    public async Task Two_failures_in_a_row_are_retried_and_the_answer_arrives(ConnectorFault fault, int? loggedStatus)
    {
        var conversationId = Guid.NewGuid().ToString();
        Connector.Script(conversationId, fault, fault);

        using var response = await PostAsync(conversationId, "what is IVIG flu").WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([fault, fault, ConnectorFault.None, ConnectorFault.None], Connector.AttemptsTo(conversationId));
        var accepted = Connector.AcceptedFor(conversationId);
        Assert.Equal(["typing", "message"], accepted.Select(a => (string?)a["type"]));
        Assert.Contains("IVIG flu", (string?)accepted[1]["text"], StringComparison.Ordinal);

        var retries = Host.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Connector POST to 127.0.0.1 failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count(r => r.Message.Contains("attempt 1 of 3", StringComparison.Ordinal) || r.Message.Contains("attempt 2 of 3", StringComparison.Ordinal)));
        if (loggedStatus is not null)
        {
            Assert.All(retries, r => Assert.Contains($"status {loggedStatus}", r.Message, StringComparison.Ordinal));
        }

        if (fault == ConnectorFault.TooManyRequests)
        {
            Assert.All(retries, r => Assert.Contains("retrying in 1000 ms", r.Message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AConnector_that_keeps_failing_is_given_up_on_after_three_attempts_per_activity()
    {
        var conversationId = Guid.NewGuid().ToString();
        Connector.Always(conversationId, ConnectorFault.ServerError);

        using var response = await PostAsync(conversationId, "what is IVIG flu").WaitAsync(Patience);

        // The typing indicator fails three times, then the polite error message three times; the channel hears 500.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(6, Connector.AttemptsTo(conversationId).Count);
        Assert.Empty(Connector.AcceptedFor(conversationId));
        Assert.Contains(Host.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("failed (status 500, HttpStatus) after 3 attempt(s)", StringComparison.Ordinal));
        Assert.DoesNotContain("what is IVIG flu", Host.AllLogText, StringComparison.Ordinal);
    }

    /// <summary>
    /// A listed serviceUrl that redirects elsewhere: the reply is never sent where the
    /// redirect points, and the failure is logged with the host that answered.
    /// </summary>
    [Fact]
    public async Task AConnector_that_redirects_is_not_followed_and_the_reply_goes_nowhere_else()
    {
        await using var elsewhere = new FaultyConnector();
        await elsewhere.StartAsync();
        Connector.RedirectTo = elsewhere.ServiceUrl;
        var conversationId = Guid.NewGuid().ToString();
        Connector.Always(conversationId, ConnectorFault.Redirect);

        using var response = await PostAsync(conversationId, "what is IVIG flu").WaitAsync(Patience);

        Assert.Empty(elsewhere.AttemptsTo(conversationId));
        Assert.Empty(Connector.AcceptedFor(conversationId));
        Assert.Equal(2, Connector.AttemptsTo(conversationId).Count); // the typing indicator and the polite error, once each: a 3xx is not retried
        Assert.Contains(Host.Logs.Entries, e => e.Level == LogLevel.Error
            && e.Message.StartsWith("Connector POST to 127.0.0.1 failed (status 307", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_one_conversation_hangs_others_are_answered()
    {
        var stuck = Guid.NewGuid().ToString();
        Connector.Always(stuck, ConnectorFault.Hang);
        var stuckTurn = PostAsync(stuck, "what is IVIG flu");

        // Once the stuck conversation's first attempt is hanging, three other conversations ask at the same time.
        await WaitUntilAsync(() => Connector.AttemptsTo(stuck).Count > 0);
        var others = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
        var answered = await Task.WhenAll(others.Select(id => PostAsync(id, "how long does an infusion take"))).WaitAsync(Patience);

        Assert.False(stuckTurn.IsCompleted, "the stuck conversation should still be retrying");
        Assert.All(answered, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(others, id => Assert.Equal(["typing", "message"], Connector.AcceptedFor(id).Select(a => (string?)a["type"])));
        foreach (var response in answered)
        {
            response.Dispose();
        }

        using var stuckResponse = await stuckTurn.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.InternalServerError, stuckResponse.StatusCode);
        Assert.Equal(6, Connector.AttemptsTo(stuck).Count);
        Assert.Contains(Host.Logs.Entries, e => e.Message.Contains("Timeout", StringComparison.Ordinal) && e.Message.StartsWith("Connector POST", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
