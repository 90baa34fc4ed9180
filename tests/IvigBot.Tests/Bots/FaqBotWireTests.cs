using System.Globalization;
using System.Text;
using IvigBot.Answering;
using IvigBot.BotFramework.Integration;
using IvigBot.Bots;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace IvigBot.Tests.Bots;

/// <summary>
/// Every kind of FaqBot reply, on the Emulator and on Teams, as the wire carries it: <see cref="BotFrameworkJson"/>
/// (its lean walk of activities and frozen buttons) must write exactly what the SDK's serializer writes for the same
/// activity, for the first reply to an answer and for the ones that reuse its buttons.
/// </summary>
public sealed class FaqBotWireTests
{
    private static readonly Suggestion[] Examples = [new("what-is-ivig", "What is IVIG?"), new("ivig-flu", "What is \"IVIG flu\"?")];
    private static readonly Suggestion[] Related = [new("vaccines-and-ivig", "Can I have vaccines while on IVIG?")];

    [Theory]
    [InlineData(AnswerKind.Answer, "ivig-flu", false)]
    [InlineData(AnswerKind.Answer, "ivig-flu", true)]
    [InlineData(AnswerKind.Clarify, null, false)]
    [InlineData(AnswerKind.Clarify, null, true)]
    [InlineData(AnswerKind.Advice, "ivig-flu", false)]
    [InlineData(AnswerKind.Advice, "ivig-flu", true)]
    [InlineData(AnswerKind.Fallback, null, false)]
    [InlineData(AnswerKind.Fallback, null, true)]
    [InlineData(AnswerKind.Smalltalk, null, false)]
    [InlineData(AnswerKind.Smalltalk, null, true)]
    [InlineData(AnswerKind.Emergency, null, false)]
    [InlineData(AnswerKind.Emergency, null, true)]
    public void Each_kind_of_reply_is_written_as_the_SDK_writes_it(AnswerKind kind, string? id, bool teams)
    {
        var result = new AnswerResult
        {
            Kind = kind,
            Text = "**What is \"IVIG flu\"?**\n\n- headache\n- fever\t(37.5 °C) \\ chills – café ✓ 😀\r\nSource: \"a column\"",
            Id = id,
            Suggestions = Related,
        };
        var incoming = teams ? Teams() : Emulator();

        for (var turn = 0; turn < 2; turn++)
        {
            var reply = FaqBot.AnswerReply(result, Examples, teams).ApplyConversationReference(incoming.GetConversationReference());

            Assert.Equal(Plain(new ExpectedReplies([reply])), BotFrameworkJson.Write(new ExpectedReplies([reply])));
            Assert.Equal(Plain(reply), BotFrameworkJson.Write(reply));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_welcome_and_thanks_are_written_as_the_SDK_writes_them(bool teams)
    {
        var incoming = teams ? Teams() : Emulator();
        Activity[] replies =
        [
            FaqBot.Reply(FaqBot.WelcomeText, FaqBot.QuestionActions(Examples), teams),
            FaqBot.Reply(FaqBot.FeedbackThanksText, [], teams),
            FaqBot.Reply(FaqBot.UnknownEntryText, FaqBot.QuestionActions(Examples), teams),
        ];

        foreach (var reply in replies.Select(r => r.ApplyConversationReference(incoming.GetConversationReference())))
        {
            Assert.Equal(Plain(reply), BotFrameworkJson.Write(reply));
        }
    }

    private static Activity Emulator() => new(ActivityTypes.Message)
    {
        Id = "m1",
        ChannelId = Channels.Emulator,
        ServiceUrl = "http://127.0.0.1:9/",
        From = new ChannelAccount("user-1", "User", RoleTypes.User),
        Recipient = new ChannelAccount("bot-1", "Bot", RoleTypes.Bot),
        Conversation = new ConversationAccount(id: "c1|livechat"),
        Locale = "en-US",
    };

    private static Activity Teams() => new(ActivityTypes.Message)
    {
        Id = "1700000000000",
        ChannelId = Channels.Msteams,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new ChannelAccount("29:1user", "Patient", aadObjectId: "00000000-0000-0000-0000-000000000001"),
        Recipient = new ChannelAccount("28:bot", "IVIG bot"),
        Conversation = new ConversationAccount(isGroup: false, conversationType: "personal", id: "a:1personal", tenantId: "tenant-1"),
        Locale = "en-GB",
    };

    /// <summary>The SDK's serializer: Newtonsoft's own writer with the SDK's settings, compact, as UTF-8.</summary>
    private static byte[] Plain(object value)
    {
        var serializer = JsonSerializer.Create(HttpHelper.BotMessageSerializerSettings);
        serializer.Formatting = Formatting.None;
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text))
        {
            serializer.Serialize(json, value);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
