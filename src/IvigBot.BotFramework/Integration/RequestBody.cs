using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace IvigBot.BotFramework.Integration;

/// <summary>Reads request bodies with a size limit, so an oversized request costs at most the limit to refuse.</summary>
public static class RequestBody
{
    /// <summary>How much is read at a time from a body of unknown length (chunked).</summary>
    private const int ChunkSize = 16 * 1024;

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    /// <remarks>
    /// A small body with a Content-Length (activities and questions are a few kilobytes) is read straight into an array
    /// of that size: one allocation of the body's own size per request. Larger or chunked bodies go through a rented
    /// buffer and grow only as data arrives, so a declared length alone never makes the server allocate much.
    /// </remarks>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength is { } length and <= ChunkSize)
        {
            return await ReadExactlyAsync(request.Body, (int)length, cancellationToken).ConfigureAwait(false);
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>The declared number of bytes (fewer if the body ends early; the server refuses a longer one).</summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var read = await body.ReadAsync(bytes.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return bytes[..filled];
            }

            filled += read;
        }

        return bytes;
    }
}
