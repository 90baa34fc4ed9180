using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Tests.Teams;

/// <summary>
/// Teams puts the bot's @mention into the text of channel and group-chat messages (protocol doc 5.2). The question the
/// bot answers is the text without it; other people's mentions stay.
/// </summary>
public class RemoveRecipientMentionTests
{
    private const string BotId = "28:5e6f7a8b-0000-4000-8000-000000000001";

    // text | mention entities as "id=markup" ("bot" stands for the bot's id; markup "-" = no text, name only) | expected
    [Theory]
    [InlineData("<at>IvigBot</at> what is IVIG flu?\n", new[] { "bot=<at>IvigBot</at>" }, "what is IVIG flu?")]
    [InlineData("what is IVIG flu <at>IvigBot</at>", new[] { "bot=<at>IvigBot</at>" }, "what is IVIG flu")]
    [InlineData("<at>IVIGBOT</at> what is IVIG flu?", new[] { "bot=<at>IvigBot</at>" }, "what is IVIG flu?")]
    [InlineData("<at>Ivig Bot</at>&nbsp;what is IVIG flu?", new[] { "bot=<at>Ivig&nbsp;Bot</at>" }, "what is IVIG flu?")]
    [InlineData("<at>Ivig  \u00a0Bot</at> what is IVIG flu?", new[] { "bot=<at>Ivig Bot</at>" }, "what is IVIG flu?")]
    [InlineData("<at>Ivig &amp; Co</at> what is IVIG flu?", new[] { "bot=<at>Ivig & Co</at>" }, "what is IVIG flu?")]
    [InlineData("<at id=\"0\">IvigBot</at>, what is IVIG flu?", new[] { "bot=<at>IvigBot</at>" }, "what is IVIG flu?")]
    [InlineData("<at>IvigBot</at> what is <at>IvigBot</at> for?", new[] { "bot=<at>IvigBot</at>" }, "what is for?")]
    [InlineData("<at>IvigBot</at> can <at>Ana Silva</at> infuse at home?", new[] { "bot=<at>IvigBot</at>", "29:ana=<at>Ana Silva</at>" }, "can <at>Ana Silva</at> infuse at home?")]
    [InlineData("<at>Ana Silva</at> asks <at>IvigBot</at> about vaccines", new[] { "29:ana=<at>Ana Silva</at>", "bot=<at>IvigBot</at>" }, "<at>Ana Silva</at> asks about vaccines")]
    [InlineData("<at>Help</at> ask <at>Help</at> the nurse", new[] { "bot=<at>Help</at>", "29:nurse=<at>Help</at>" }, "ask <at>Help</at> the nurse")]
    [InlineData("<at>IvigBot</at> what is IVIG flu?", new[] { "bot=-" }, "what is IVIG flu?")]
    [InlineData("@IvigBot what is IVIG flu?", new[] { "bot=@IvigBot" }, "what is IVIG flu?")]
    [InlineData("<at>Ana</at> what is IVIG flu?", new[] { "29:ana=<at>Ana</at>" }, "<at>Ana</at> what is IVIG flu?")]
    [InlineData("  what is IVIG flu?  ", new string[0], "what is IVIG flu?")]
    [InlineData("<at>IvigBot</at>", new[] { "bot=<at>IvigBot</at>" }, "")]
    [InlineData("<at>IvigBot</at> first line\nsecond line", new[] { "bot=<at>IvigBot</at>" }, "first line\nsecond line")]
    public void Only_the_bots_mention_is_removed(string text, string[] mentions, string expected)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = Channels.Msteams,
            Text = text,
            Recipient = new ChannelAccount(BotId, "IvigBot"),
            Entities = [.. mentions.Select(ToEntity), new Entity { Type = "clientInfo" }],
        };

        Assert.Equal(expected, activity.RemoveRecipientMention());
        Assert.Equal(text, activity.Text);
    }

    [Fact]
    public void Without_a_recipient_the_text_is_left_alone()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "<at>IvigBot</at> hi" };

        Assert.Equal("<at>IvigBot</at> hi", activity.RemoveRecipientMention());
    }

    private static Entity ToEntity(string spec)
    {
        var separator = spec.IndexOf('=', StringComparison.Ordinal);
        var id = spec[..separator] == "bot" ? BotId : spec[..separator];
        var markup = spec[(separator + 1)..];
        var name = id == BotId ? "IvigBot" : "Someone";
        return Entity.FromMention(new Mention { Mentioned = new ChannelAccount(id, name), Text = markup == "-" ? null : markup });
    }
}
