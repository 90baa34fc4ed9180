using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Http;

namespace IvigBot.BotFramework.Tests.Integration;

public class RequestBodyTests
{
    /// <param name="size">Bytes sent.</param>
    /// <param name="declared">The Content-Length header, or -1 for none (chunked).</param>
    /// <param name="limit">The most the reader accepts.</param>
    /// <param name="expected">Bytes read, or -1 for refused (null).</param>
    [Theory]
    [InlineData(400, 400, 1000, 400)]               // a usual activity: read as declared
    [InlineData(0, 0, 1000, 0)]                     // empty
    [InlineData(40_000, 40_000, 100_000, 40_000)]   // declared, larger than one chunk: read as it arrives
    [InlineData(400, -1, 1000, 400)]                // chunked
    [InlineData(40_000, -1, 100_000, 40_000)]       // chunked, several chunks
    [InlineData(2000, 2000, 1000, -1)]              // declared over the limit: refused before reading
    [InlineData(2000, -1, 1000, -1)]                // chunked over the limit: refused once it passes it
    [InlineData(300, 400, 1000, 300)]               // the body ends before the declared length
    public async Task Bodies_are_read_whole_within_the_limit_and_refused_over_it(int size, long declared, int limit, int expected)
    {
        var sent = Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray();
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(sent);
        context.Request.ContentLength = declared < 0 ? null : declared;

        var body = await RequestBody.ReadAsync(context.Request, limit, CancellationToken.None);

        if (expected < 0)
        {
            Assert.Null(body);
        }
        else
        {
            Assert.Equal(sent.Take(expected), body!);
        }
    }
}
