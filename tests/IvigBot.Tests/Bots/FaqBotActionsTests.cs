using IvigBot.Answering;
using IvigBot.Bots;

namespace IvigBot.Tests.Bots;

/// <summary>Which buttons go under which kind of reply.</summary>
public sealed class FaqBotActionsTests
{
    private static readonly Suggestion[] Examples = [new("what-is-ivig", "What is IVIG?"), new("ivig-flu", "What is \"IVIG flu\"?")];
    private static readonly Suggestion[] Related = [new("vaccines-and-ivig", "Can I have vaccines while on IVIG?")];

    [Theory]
    [InlineData(AnswerKind.Answer, "ivig-flu", new[] { "vaccines-and-ivig", "feedback:helpful", "feedback:not-helpful" })]
    [InlineData(AnswerKind.Clarify, null, new[] { "vaccines-and-ivig" })]
    [InlineData(AnswerKind.Advice, "ivig-flu", new[] { "vaccines-and-ivig" })]
    [InlineData(AnswerKind.Fallback, null, new[] { "what-is-ivig", "ivig-flu" })]
    [InlineData(AnswerKind.Smalltalk, null, new[] { "what-is-ivig", "ivig-flu" })]
    [InlineData(AnswerKind.Emergency, null, new string[0])]
    public void RepliesCarryTheButtonsOfTheirKind(AnswerKind kind, string? id, string[] expected)
    {
        var result = new AnswerResult { Kind = kind, Text = "text", Id = id, Suggestions = Related };

        var actions = FaqBot.ActionsFor(result, Examples);

        Assert.Equal(expected, actions.Select(Describe));
        Assert.All(actions, a => Assert.Equal("messageBack", a.Type));
    }

    [Fact]
    public void FeedbackButtonsCarryTheEntryId()
    {
        var actions = FaqBot.FeedbackActions("ivig-flu");

        Assert.Equal(["Helpful", "Not helpful"], actions.Select(a => a.Title));
        Assert.All(actions, a => Assert.Equal("ivig-flu", (string?)a.Value?[FaqBot.EntryIdKey]));
    }

    private static string Describe(BotFramework.Schema.CardAction action) =>
        action.Value?[FaqBot.FeedbackKey] is { } feedback
            ? $"feedback:{(string?)feedback}"
            : (string?)action.Value?[FaqBot.EntryIdKey] ?? "?";
}
