using System.Text.Json.Nodes;
using IvigBot.BotFramework.DirectLine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IvigBot.BotFramework.Tests.DirectLine;

public sealed class DirectLineConversationTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static DirectLineConversation NewConversation(int maxActivities = 100) =>
        new("Kx9fQ2", "dl_ana", "en-US", client: null, Now, maxActivities);

    private static JsonNode Set(byte[] json) => JsonNode.Parse(json)!;

    private static Activity Message(string text) => MessageFactory.Text(text);

    [Fact]
    public void Activities_get_sequential_ids_and_strictly_increasing_timestamps()
    {
        var conversation = NewConversation();

        var first = conversation.Append(Message("a"), Now);
        var second = conversation.Append(Message("b"), Now);
        var third = conversation.Append(Message("c"), Now.AddSeconds(-5));

        Assert.Equal(["Kx9fQ2|0000001", "Kx9fQ2|0000002", "Kx9fQ2|0000003"], [first, second, third]);
        var timestamps = Set(conversation.GetActivitySet(0))["activities"]!.AsArray().Select(a => (string?)a!["timestamp"]).ToList();
        Assert.Equal(["2025-03-10T09:00:00Z", "2025-03-10T09:00:00.001Z", "2025-03-10T09:00:00.002Z"], timestamps);
        Assert.Equal(3, conversation.Watermark);
    }

    [Theory]
    [InlineData(0, new[] { "a", "b", "c" }, "3")]
    [InlineData(1, new[] { "b", "c" }, "3")]
    [InlineData(3, new string[0], "3")]
    [InlineData(99, new string[0], "3")]
    public void Get_returns_what_comes_after_the_watermark(long watermark, string[] texts, string newWatermark)
    {
        var conversation = NewConversation();
        foreach (var text in new[] { "a", "b", "c" })
        {
            conversation.Append(Message(text), Now);
        }

        var set = Set(conversation.GetActivitySet(watermark));

        Assert.Equal(texts, set["activities"]!.AsArray().Select(a => (string)a!["text"]!));
        Assert.Equal(newWatermark, (string?)set["watermark"]);
    }

    [Fact]
    public void Typing_is_not_returned_by_get_but_counts_for_the_watermark()
    {
        var conversation = NewConversation();
        conversation.Append(Message("question"), Now);
        conversation.Append(new Activity(ActivityTypes.Typing), Now);
        conversation.Append(Message("answer"), Now);

        var set = Set(conversation.GetActivitySet(1));

        Assert.Equal(["answer"], set["activities"]!.AsArray().Select(a => (string)a!["text"]!));
        Assert.Equal("3", (string?)set["watermark"]);
    }

    [Fact]
    public void Only_the_newest_activities_are_kept()
    {
        var conversation = NewConversation(maxActivities: 10);
        for (var i = 1; i <= 25; i++)
        {
            conversation.Append(Message($"m{i}"), Now);
        }

        var set = Set(conversation.GetActivitySet(0));

        Assert.Equal(Enumerable.Range(16, 10).Select(i => $"m{i}"), set["activities"]!.AsArray().Select(a => (string)a!["text"]!));
        Assert.Equal("25", (string?)set["watermark"]);
    }

    [Fact]
    public void The_stored_copy_does_not_change_when_the_sender_changes_its_activity()
    {
        var conversation = NewConversation();
        var activity = Message("as sent");
        conversation.Append(activity, Now);

        activity.Text = "changed afterwards";

        Assert.Equal("as sent", (string?)Set(conversation.GetActivitySet(0))["activities"]![0]!["text"]);
    }

    [Fact]
    public async Task A_subscriber_gets_the_backlog_then_each_new_activity()
    {
        var conversation = NewConversation();
        conversation.Append(Message("welcome"), Now);

        var subscription = conversation.Subscribe(watermark: null);
        conversation.Append(new Activity(ActivityTypes.Typing), Now);
        conversation.Append(Message("answer"), Now);

        Assert.Equal("welcome", (string?)Set(subscription.Backlog!)["activities"]![0]!["text"]);
        var typing = Set(await subscription.Frames.ReadAsync());
        var answer = Set(await subscription.Frames.ReadAsync());
        Assert.Equal(("typing", "2"), ((string?)typing["activities"]![0]!["type"], (string?)typing["watermark"]));
        Assert.Equal(("answer", "3"), ((string?)answer["activities"]![0]!["text"], (string?)answer["watermark"]));
    }

    [Fact]
    public void A_subscriber_at_the_latest_watermark_has_no_backlog()
    {
        var conversation = NewConversation();
        conversation.Append(Message("welcome"), Now);

        Assert.Null(conversation.Subscribe(watermark: 1).Backlog);
    }

    [Fact]
    public void A_new_subscriber_closes_the_previous_one_as_a_collision()
    {
        var conversation = NewConversation();
        var first = conversation.Subscribe(null);

        var second = conversation.Subscribe(null);
        conversation.Append(Message("hello"), Now);

        Assert.True(first.Frames.Completion.IsCompleted);
        Assert.Equal(StreamCloseReason.Collision, first.CloseReason);
        Assert.True(second.Frames.TryRead(out _));
    }

    [Fact]
    public void A_subscriber_that_does_not_read_is_dropped_instead_of_buffering_forever()
    {
        var conversation = NewConversation(maxActivities: 1000);
        var subscription = conversation.Subscribe(null);

        for (var i = 0; i <= DirectLineConversation.SubscriberBacklog; i++)
        {
            conversation.Append(Message($"m{i}"), Now);
        }

        Assert.Equal(StreamCloseReason.Overflow, subscription.CloseReason);
        Assert.Equal($"{DirectLineConversation.SubscriberBacklog + 1}", (string?)Set(conversation.GetActivitySet(0))["watermark"]);
    }

    [Fact]
    public void Ending_the_conversation_closes_its_stream()
    {
        var conversation = NewConversation();
        var subscription = conversation.Subscribe(null);

        conversation.End();

        Assert.Equal(StreamCloseReason.Ended, subscription.CloseReason);
        Assert.Equal(StreamCloseReason.Ended, conversation.Subscribe(null).CloseReason);
    }
}
