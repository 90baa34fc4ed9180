using System.Net;
using System.Text.Json.Nodes;

namespace IvigBot.Tests.Teams;

/// <summary>
/// End to end with the Microsoft 365 Agents Playground as channel <c>msteams</c>: the Playground (a real Teams-like
/// client from Microsoft) posts its own activities to the real host on 127.0.0.1 and receives the replies at its mock
/// connector. Both listen on loopback only.
/// </summary>
public sealed class AgentsPlaygroundTests(AgentsPlaygroundFixture fixture) : IClassFixture<AgentsPlaygroundFixture>
{
    private const string IvigFluQuestion = "**What is \"IVIG flu\"?**";

    [PlaygroundFact]
    public async Task AQuestionInThePersonalChatIsAnswered()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var playground = await fixture.PlaygroundAsync(timeout.Token);
        var config = await playground.GetConfigAsync(timeout.Token);
        var chatId = (string)config["personalChat"]!["id"]!;

        var sent = await playground.SendAsync(chatId, new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = (string?)config["currentUser"]!["id"] },
            ["text"] = "what is IVIG flu",
            ["textFormat"] = "plain",
        }, timeout.Token);
        var reply = await playground.WaitForBotMessageAsync(chatId, timeout.Token);

        Assert.NotNull(sent["messageId"]);
        await playground.WaitForUserMessageAsync(chatId, timeout.Token);
        var question = Assert.Single(playground.Exchanges(chatId), e => !e.FromBot && (string?)e.Activity["type"] == "message");
        Assert.Equal("msteams", (string?)question.Activity["channelId"]);
        Assert.Equal(200, question.StatusCode);
        Assert.InRange(reply.StatusCode ?? 0, 200, 299);
        Assert.StartsWith(IvigFluQuestion, (string?)reply.Activity["text"], StringComparison.Ordinal);
        Assert.Equal((string?)question.Activity["id"], (string?)reply.Activity["replyToId"]);
        AssertCarriesTheCard(reply.Activity);
        AssertLoopbackOnly(playground);
    }

    [PlaygroundFact]
    public async Task AChannelMentionIsAnsweredInItsThreadWithTheMentionStripped()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var playground = await fixture.PlaygroundAsync(timeout.Token);
        var config = await playground.GetConfigAsync(timeout.Token);
        var channelId = (string)config["teams"]![0]!["channels"]![0]!["id"]!;
        var bot = config["bot"]!;
        var mention = $"<at>{(string?)bot["name"]}</at>";

        var sent = await playground.SendAsync(channelId, new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = (string?)config["currentUser"]!["id"] },
            ["text"] = $"{mention} what is IVIG flu?",
            ["textFormat"] = "plain",
            ["mentions"] = new JsonArray(new JsonObject
            {
                ["mentioned"] = new JsonObject { ["id"] = (string?)bot["id"], ["name"] = (string?)bot["name"] },
                ["text"] = mention,
            }),
        }, timeout.Token);
        var threadId = (string)sent["postConversationId"]!;
        var reply = await playground.WaitForBotMessageAsync(threadId, timeout.Token);

        Assert.StartsWith($"{channelId};messageid=", threadId, StringComparison.Ordinal);
        await playground.WaitForUserMessageAsync(threadId, timeout.Token);
        var question = Assert.Single(playground.Exchanges(threadId), e => !e.FromBot && (string?)e.Activity["type"] == "message");
        Assert.Equal("channel", (string?)question.Activity["conversation"]!["conversationType"]);
        Assert.StartsWith(mention, (string?)question.Activity["text"], StringComparison.Ordinal);
        // The reply lands in the same thread and answers the question without the mention.
        Assert.Equal(threadId, (string?)reply.Activity["conversation"]!["id"]);
        Assert.Equal((string?)question.Activity["id"], (string?)reply.Activity["replyToId"]);
        Assert.InRange(reply.StatusCode ?? 0, 200, 299);
        Assert.StartsWith(IvigFluQuestion, (string?)reply.Activity["text"], StringComparison.Ordinal);
        AssertCarriesTheCard(reply.Activity);
    }

    private static void AssertCarriesTheCard(JsonObject reply)
    {
        var card = Assert.Single(reply["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        Assert.Contains(card["content"]!["body"]!.AsArray(), e => (string?)e!["type"] == "ActionSet");
        Assert.Null(reply["suggestedActions"]);
    }

    private static void AssertLoopbackOnly(AgentsPlayground playground)
    {
        var listeners = playground.Listeners();
        Assert.NotEmpty(listeners);
        Assert.All(listeners, l => Assert.True(IPAddress.IsLoopback(l.Address), $"listening on {l}"));
    }
}

/// <summary>
/// The bot host (as in <see cref="TeamsBotFixture"/>) and one Playground pointed at it, started on first use (so skipped
/// tests start nothing). A failed start fails every test that uses it with the same error.
/// </summary>
public sealed class AgentsPlaygroundFixture : IAsyncLifetime, IDisposable
{
    private readonly TeamsBotFixture _bot = new();
    private readonly object _lock = new();
    private Task<AgentsPlayground>? _start;
    private bool _botStarted;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>The running Playground. Start-up is bounded by its own time limits (npm ci 3 min, start 60 s).</summary>
    public Task<AgentsPlayground> PlaygroundAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _start ??= StartAsync();
        }

        return _start.WaitAsync(cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (_start is { IsCompletedSuccessfully: true })
        {
            await (await _start).DisposeAsync();
        }
        else if (_start is not null)
        {
            await _start.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (_botStarted)
        {
            await _bot.DisposeAsync();
        }
    }

    public void Dispose() => _bot.Dispose();

    private async Task<AgentsPlayground> StartAsync()
    {
        await _bot.InitializeAsync();
        _botStarted = true;
        return await AgentsPlayground.StartAsync(_bot.MessagesUrl, CancellationToken.None);
    }
}
