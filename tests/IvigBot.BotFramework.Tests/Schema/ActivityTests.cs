using System.Text.Json;
using System.Text.Json.Nodes;
using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Tests.Schema;

public class ActivityTests
{
    // Web Chat message from protocol doc 7.2, plus fields this library does not model.
    private const string WebChatMessage = """
        {"type":"message","id":"Kx9fQ2|0000002","text":"What is IVIG?","channelId":"webchat","locale":"en-US",
         "serviceUrl":"https://bot.example.com/","conversation":{"id":"Kx9fQ2","futureConversationField":7},
         "from":{"id":"dl_ana","name":"Ana","role":"user","nickname":"ana"},"recipient":{"id":"bot","name":"IvigBot"},
         "timestamp":"2025-03-10T09:00:05.123Z","localTimestamp":"2025-03-10T10:00:05+01:00","localTimezone":"Europe/Berlin",
         "channelData":{"clientActivityID":"1741597205000k2j9x"},
         "entities":[{"type":"ClientCapabilities","requiresBotState":true,"supportsListening":true}],
         "semanticAction":{"id":"x","entities":{}},"listenFor":["yes","no"]}
        """;

    private static Activity Parse(string json) => JsonSerializer.Deserialize(json, BotFrameworkJsonContext.Default.Activity)!;

    private static JsonNode Write(Activity activity) =>
        JsonNode.Parse(JsonSerializer.Serialize(activity, BotFrameworkJsonContext.Default.Activity))!;

    [Fact]
    public void Round_trip_keeps_every_field_including_unknown_ones()
    {
        var written = Write(Parse(WebChatMessage));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WebChatMessage)!["semanticAction"], written["semanticAction"]));
        Assert.Equal("no", written["listenFor"]![1]!.GetValue<string>());
        Assert.Equal(7, written["conversation"]!["futureConversationField"]!.GetValue<int>());
        Assert.Equal("ana", written["from"]!["nickname"]!.GetValue<string>());
        Assert.True(written["entities"]![0]!["requiresBotState"]!.GetValue<bool>());
        Assert.Equal("1741597205000k2j9x", written["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("2025-03-10T09:00:05.123Z", written["timestamp"]!.GetValue<string>());
        Assert.Equal("2025-03-10T10:00:05+01:00", written["localTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public void Writes_camelCase_and_omits_nulls()
    {
        var json = Write(new Activity { Type = ActivityTypes.Message, Text = "Hi", ReplyToId = "1" }).AsObject();

        Assert.Equal(["type", "text", "replyToId"], json.Select(p => p.Key));
    }

    [Fact]
    public void Reads_property_names_case_insensitively()
    {
        var activity = Parse("""{"Type":"message","TEXT":"hello","Conversation":{"ID":"c1"}}""");

        Assert.Equal("message", activity.Type);
        Assert.Equal("hello", activity.Text);
        Assert.Equal("c1", activity.Conversation?.Id);
    }

    [Fact]
    public void An_unparseable_timestamp_does_not_reject_the_activity()
    {
        var activity = Parse("""{"type":"message","timestamp":"yesterday"}""");

        Assert.Null(activity.Timestamp);
    }

    [Fact]
    public void CreateReply_swaps_from_and_recipient_and_threads_to_the_incoming_id()
    {
        var incoming = Parse(WebChatMessage);

        var reply = incoming.CreateReply("IVIG is immunoglobulin given into a vein.");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("bot", reply.From?.Id);
        Assert.Equal("IvigBot", reply.From?.Name);
        Assert.Equal("dl_ana", reply.Recipient?.Id);
        Assert.Equal("Kx9fQ2|0000002", reply.ReplyToId);
        Assert.Equal("Kx9fQ2", reply.Conversation?.Id);
        Assert.Null(reply.Conversation?.Properties);
        Assert.Equal("webchat", reply.ChannelId);
        Assert.Equal("https://bot.example.com/", reply.ServiceUrl);
        Assert.Equal("en-US", reply.Locale);
        Assert.Null(reply.Id);
    }

    [Theory]
    [InlineData("directline", null)]
    [InlineData("webchat", null)]
    [InlineData("emulator", "update-1")]
    public void Replies_to_conversation_updates_are_not_threaded_on_Direct_Line(string channelId, string? expectedReplyToId)
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = "update-1",
            ChannelId = channelId,
            Conversation = new ConversationAccount("c1"),
        };

        Assert.Equal(expectedReplyToId, update.CreateReply("Welcome").ReplyToId);
        Assert.Equal(expectedReplyToId, update.GetConversationReference().ActivityId);
    }

    [Fact]
    public void GetConversationReference_and_ApplyConversationReference_address_a_proactive_message()
    {
        var reference = Parse(WebChatMessage).GetConversationReference();

        var message = Activity.CreateMessageActivity("Your next infusion is tomorrow.").ApplyConversationReference(reference);

        Assert.Equal("bot", message.From?.Id);
        Assert.Equal("dl_ana", message.Recipient?.Id);
        Assert.Equal("Kx9fQ2", message.Conversation?.Id);
        Assert.Equal("https://bot.example.com/", message.ServiceUrl);
        Assert.Equal("Kx9fQ2|0000002", message.ReplyToId);
        Assert.Equal("en-US", message.Locale);
    }

    [Fact]
    public void RemoveRecipientMention_strips_the_bots_Teams_mention_only()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "<at>IvigBot</at> can <at>Ana</at> infuse at home?\n",
            Recipient = new ChannelAccount("28:app-id", "IvigBot"),
            Entities =
            [
                Entity.FromMention(new Mention { Mentioned = new ChannelAccount("28:app-id", "IvigBot"), Text = "<at>IvigBot</at>" }),
                Entity.FromMention(new Mention { Mentioned = new ChannelAccount("29:ana", "Ana"), Text = "<at>Ana</at>" }),
                new Entity { Type = "clientInfo" },
            ],
        };

        Assert.Equal("can <at>Ana</at> infuse at home?", activity.RemoveRecipientMention());
        Assert.Equal(2, activity.GetMentions().Count);
    }

    [Fact]
    public void ExpectedReplies_is_written_as_an_activities_array()
    {
        var body = new ExpectedReplies { Activities = [new Activity { Type = ActivityTypes.Message, Text = "Hi" }] };

        var json = JsonSerializer.Serialize(body, BotFrameworkJsonContext.Default.ExpectedReplies);

        Assert.Equal("""{"activities":[{"type":"message","text":"Hi"}]}""", json);
    }
}

public class WireFormatTests
{
    [Fact]
    public void Responses_escape_only_what_json_requires_and_read_back_the_same()
    {
        var text = "**What is \"IVIG flu\"?**\n\nFever < 38 °C & chills — it's common. Café\t\\ done";
        var replies = new ExpectedReplies { Activities = [new Activity { Type = ActivityTypes.Message, Text = text }] };

        var json = System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(replies, BotFrameworkJsonContext.Wire.ExpectedReplies));
        var read = JsonSerializer.Deserialize(json, BotFrameworkJsonContext.Default.ExpectedReplies);

        Assert.Contains("\\\"IVIG flu\\\"", json, StringComparison.Ordinal);
        Assert.Contains("Fever < 38 °C & chills — it's common. Café\\t\\\\ done", json, StringComparison.Ordinal);
        Assert.Contains("\\n\\n", json, StringComparison.Ordinal);
        Assert.Equal(text, Assert.Single(read!.Activities).Text);
    }
}
