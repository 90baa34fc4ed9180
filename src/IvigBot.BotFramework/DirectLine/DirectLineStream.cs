using System.Net.WebSockets;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// One accepted WebSocket of <c>GET /conversations/{id}/stream</c> (protocol doc 6.4): sends what the client missed
/// since its watermark, then each new activity as a text frame <c>{"activities":[...],"watermark":"N"}</c> and an
/// empty frame every <see cref="DirectLineOptions.KeepAliveInterval"/>. Frames from the client (DirectLineJS pings)
/// are read and ignored. Ends when the client closes, a newer socket takes over, the client falls too far behind or
/// the conversation ends; in each case DirectLineJS reconnects with its watermark and loses nothing.
/// </summary>
internal static class DirectLineStream
{
    /// <summary>How long the server waits for the client's close frame after closing a stream itself.</summary>
    private static readonly TimeSpan CloseGracePeriod = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(
        WebSocket socket,
        DirectLineConversation conversation,
        long? watermark,
        DirectLineServices services,
        CancellationToken cancellationToken)
    {
        var subscription = conversation.Subscribe(watermark);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveUntilClosedAsync(socket, stop.Token);
        try
        {
            if (subscription.Backlog is { } backlog)
            {
                await socket.SendAsync(backlog, WebSocketMessageType.Text, endOfMessage: true, stop.Token).ConfigureAwait(false);
            }

            var waiting = subscription.Frames.WaitToReadAsync(stop.Token).AsTask();
            var keepAlive = Task.Delay(services.Options.KeepAliveInterval, services.TimeProvider, stop.Token);
            while (true)
            {
                var done = await Task.WhenAny(waiting, keepAlive, receiving).ConfigureAwait(false);
                if (done == receiving)
                {
                    return;
                }

                if (done == keepAlive)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, stop.Token).ConfigureAwait(false);
                    keepAlive = Task.Delay(services.Options.KeepAliveInterval, services.TimeProvider, stop.Token);
                    continue;
                }

                if (!await waiting.ConfigureAwait(false))
                {
                    // Close politely and give the client a moment to answer, so it reads the reason before the connection goes.
                    await CloseAsync(socket, subscription.CloseReason, stop.Token).ConfigureAwait(false);
                    await receiving.WaitAsync(CloseGracePeriod, services.TimeProvider, stop.Token).ConfigureAwait(false);
                    return;
                }

                while (subscription.Frames.TryRead(out var frame))
                {
                    await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, stop.Token).ConfigureAwait(false);
                }

                waiting = subscription.Frames.WaitToReadAsync(stop.Token).AsTask();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // The client went away (or did not answer the close); nothing to tell it.
        }
        finally
        {
            conversation.Unsubscribe(subscription);
            subscription.Close(StreamCloseReason.Ended);
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await receiving.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Already closing.
            }
        }
    }

    private static async Task CloseAsync(WebSocket socket, StreamCloseReason? reason, CancellationToken cancellationToken)
    {
        var (status, description) = reason switch
        {
            StreamCloseReason.Collision => (WebSocketCloseStatus.PolicyViolation, "collision"),
            StreamCloseReason.Overflow => (WebSocketCloseStatus.PolicyViolation, "reconnect with your watermark"),
            _ => (WebSocketCloseStatus.NormalClosure, "conversation ended"),
        };
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, description, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads (and drops) frames until the client closes; then answers the close.</summary>
    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
        }
    }
}
