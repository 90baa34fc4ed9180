using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace IvigBot.Tests.DirectLine;

/// <summary>
/// The WebSocket stream Web Chat uses by default (protocol doc 6.4, 7.3), with a real client socket against the real
/// host: backlog on connect, echo, typing and answer as frames, reconnect with a watermark, one socket per conversation.
/// </summary>
public sealed class DirectLineStreamTests(DirectLineServiceFixture service) : IClassFixture<DirectLineServiceFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_stream_delivers_the_welcome_then_the_echo_typing_and_the_bots_answer()
    {
        var conversation = await service.StartAsync();
        using var socket = await ConnectAsync(conversation.StreamUrl);

        var first = await ReceiveSetAsync(socket);
        Assert.Equal("1", (string?)first["watermark"]);
        Assert.Equal($"{conversation.Id}|0000001", (string?)first["activities"]![0]!["id"]);

        var posted = await service.PostActivityAsync(conversation, DirectLineServiceFixture.WebChatMessage("what is IVIG flu", "ws-1"));
        Assert.Equal(HttpStatusCode.OK, posted.Status);

        var sets = new List<JsonNode> { await ReceiveSetAsync(socket), await ReceiveSetAsync(socket), await ReceiveSetAsync(socket) };
        var activities = sets.Select(s => Assert.Single(s["activities"]!.AsArray())!).ToList();
        Assert.Equal(["message", "typing", "message"], activities.Select(a => (string?)a["type"]));
        Assert.Equal(["2", "3", "4"], sets.Select(s => (string?)s["watermark"]));
        Assert.Equal("ws-1", (string?)activities[0]["channelData"]?["clientActivityID"]);
        Assert.Equal("user", (string?)activities[0]["from"]?["role"]);
        Assert.Contains("This is general information, not medical advice.", (string?)activities[2]["text"], StringComparison.Ordinal);
        Assert.Equal((string?)activities[0]["id"], (string?)activities[2]["replyToId"]);
        Assert.All(activities, a => DirectLineContractTests.AssertDeliverable(a, conversation.Id));
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_replays_only_what_was_missed()
    {
        var conversation = await service.StartAsync();
        await service.PostActivityAsync(conversation, DirectLineServiceFixture.WebChatMessage("what is IVIG flu", "rc-1"));
        var reconnect = await service.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}?watermark=2", conversation.Token);

        using var socket = await ConnectAsync((string)reconnect.Body!["streamUrl"]!);
        var missed = await ReceiveSetAsync(socket);

        // After watermark 2 come the typing indicator (3, not replayed) and the answer (4).
        var answer = Assert.Single(missed["activities"]!.AsArray())!;
        Assert.Equal($"{conversation.Id}|0000004", (string?)answer["id"]);
        Assert.Equal("4", (string?)missed["watermark"]);
    }

    [Fact]
    public async Task A_second_socket_replaces_the_first()
    {
        var conversation = await service.StartAsync();
        using var first = await ConnectAsync(conversation.StreamUrl);
        await ReceiveSetAsync(first);

        using var second = await ConnectAsync(conversation.StreamUrl);
        await ReceiveSetAsync(second);

        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await first.ReceiveAsync(buffer, timeout.Token);
        }
        while (result.MessageType != WebSocketMessageType.Close);
        Assert.Equal("collision", result.CloseStatusDescription);

        await service.PostActivityAsync(conversation, DirectLineServiceFixture.WebChatMessage("hello", "c-1"));
        var echo = await ReceiveSetAsync(second);
        Assert.Equal("c-1", (string?)echo["activities"]![0]!["channelData"]?["clientActivityID"]);
    }

    [Fact]
    public async Task A_stream_with_a_bad_token_is_refused_with_403()
    {
        var conversation = await service.StartAsync();
        var other = await service.StartAsync();
        var url = conversation.StreamUrl[..conversation.StreamUrl.IndexOf("?t=", StringComparison.Ordinal)] + "?t=" + Uri.EscapeDataString(other.Token);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task The_stream_url_without_a_websocket_is_400()
    {
        var conversation = await service.StartAsync();
        var path = new Uri(conversation.StreamUrl.Replace("ws://", "http://", StringComparison.Ordinal)).PathAndQuery;

        var reply = await service.SendAsync(HttpMethod.Get, path, credential: null);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("WebSocket", reply.ErrorMessage, StringComparison.Ordinal);
    }

    private static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        return socket;
    }

    /// <summary>The next ActivitySet frame, skipping empty keep-alive frames.</summary>
    private static async Task<JsonNode> ReceiveSetAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            if (message.Length > 0)
            {
                return JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
            }
        }
    }
}
