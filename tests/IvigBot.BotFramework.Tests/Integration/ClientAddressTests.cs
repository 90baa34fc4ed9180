using System.Net;
using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Http;

namespace IvigBot.BotFramework.Tests.Integration;

/// <summary>Who a request counts against in the per-client limits, and who is a tool on this machine.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData(null, null, "local", true)]
    [InlineData("127.0.0.1", null, "ip:127.0.0.1", true)]
    [InlineData("::1", null, "ip:::1", true)]
    [InlineData("127.0.0.1", "203.0.113.7", "forwarded:203.0.113.7", false)]
    [InlineData("127.0.0.1", "198.51.100.1, 203.0.113.7", "forwarded:203.0.113.7", false)]
    [InlineData("203.0.113.7", null, "ip:203.0.113.7", false)]
    [InlineData("203.0.113.7", "198.51.100.1", "ip:203.0.113.7", false)]
    [InlineData("::ffff:203.0.113.7", null, "ip:203.0.113.7", false)]
    public void A_request_counts_against_its_client(string? remote, string? forwardedFor, string key, bool local)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            // A client behind a proxy that did not apply the forwarded headers: only the last address is the proxy's word.
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        Assert.Equal(key, ClientAddress.Key(context, out var isLocal));
        Assert.Equal(local, isLocal);
        Assert.Equal(local, ClientAddress.IsLocal(context));
    }
}
