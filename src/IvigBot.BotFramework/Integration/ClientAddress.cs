using System.Net;
using Microsoft.AspNetCore.Http;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// Who a request comes from, for per-client limits (rate limits, live Direct Line conversations): the remote address
/// after the forwarded-headers middleware, or, from a reverse proxy on this machine whose forwarded headers were not
/// applied, the last address it added to <c>X-Forwarded-For</c> (the client it talked to; earlier ones are whatever
/// the client claimed).
/// </summary>
public static class ClientAddress
{
    /// <summary>
    /// The key a request counts against (<c>ip:…</c>, <c>forwarded:…</c>, or <c>local</c> in-process);
    /// <paramref name="isLocal"/> is true for a tool on this machine: in-process, or loopback without <c>X-Forwarded-For</c>.
    /// </summary>
    public static string Key(HttpContext context, out bool isLocal)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            // In-process (test server) or a Unix socket: no network client to tell apart.
            isLocal = true;
            return "local";
        }

        if (IPAddress.IsLoopback(address))
        {
            var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
            isLocal = forwarded.Length == 0;
            return isLocal ? "ip:" + address : "forwarded:" + forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
        }

        isLocal = false;
        return "ip:" + (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    /// <summary>
    /// Whether the request comes from a tool on this machine (see <see cref="Key"/>), without making its key: exempt
    /// clients are asked this on every request.
    /// </summary>
    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        return address is null || (IPAddress.IsLoopback(address) && context.Request.Headers["X-Forwarded-For"].ToString().Length == 0);
    }
}
