using IvigBot.Answering;
using IvigBot.BotFramework.Integration;
using IvigBot.Bots;
using Microsoft.Bot.Schema;
using static IvigBot.BotFramework.Tests.Infrastructure.WireActivities;

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
        var incoming = teams ? FromTeams() : FromEmulator();

        for (var turn = 0; turn < 2; turn++)
        {
            var reply = Sent(FaqBot.AnswerReply(result, Examples, teams), incoming);

            Assert.Equal(SdkJson(new ExpectedReplies([reply])), BotFrameworkJson.Write(new ExpectedReplies([reply])));
            Assert.Equal(SdkJson(reply), BotFrameworkJson.Write(reply));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_welcome_and_thanks_are_written_as_the_SDK_writes_them(bool teams)
    {
        var incoming = teams ? FromTeams() : FromEmulator();
        Activity[] replies =
        [
            FaqBot.Reply(FaqBot.WelcomeText, FaqBot.QuestionActions(Examples), teams),
            FaqBot.Reply(FaqBot.FeedbackThanksText, [], teams),
            FaqBot.Reply(FaqBot.UnknownEntryText, FaqBot.QuestionActions(Examples), teams),
        ];

        foreach (var reply in replies.Select(r => Sent(r, incoming)))
        {
            Assert.Equal(SdkJson(reply), BotFrameworkJson.Write(reply));
        }
    }

}
