using IvigBot.Answering;
using IvigBot.Bots;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

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
        Assert.All(actions, a => Assert.Equal("ivig-flu", (string?)Value(a)?[FaqBot.EntryIdKey]));
    }

    [Fact]
    public void Each_question_is_offered_once_even_when_suggested_twice()
    {
        var actions = FaqBot.QuestionActions([.. Examples, .. Related, Examples[0], new("ivig-flu", "IVIG flu, again")]);

        Assert.Equal(["what-is-ivig", "ivig-flu", "vaccines-and-ivig"], actions.Select(Describe));
        Assert.Equal("What is \"IVIG flu\"?", actions[1].Title);
    }

    [Fact]
    public void Replies_share_button_values_that_read_the_same_in_every_reply_and_on_teams_cards()
    {
        var first = FaqBot.ActionsFor(new AnswerResult { Kind = AnswerKind.Answer, Text = "a", Id = "ivig-flu", Suggestions = Related }, Examples);
        var second = FaqBot.ActionsFor(new AnswerResult { Kind = AnswerKind.Answer, Text = "b", Id = "ivig-flu", Suggestions = Related }, Examples);

        // The Teams card builder copies each value into its card; the shared values stay as they were.
        var card = FaqCardBuilder.AnswerCard("text", first);

        Assert.Equal(first.Select(Describe), second.Select(Describe));
        Assert.Equal("""{"entryId":"vaccines-and-ivig"}""", Value(second[0])!.ToString(Formatting.None));
        Assert.Equal("""{"feedback":"helpful","entryId":"ivig-flu"}""", Value(second[1])!.ToString(Formatting.None));
        Assert.Contains("vaccines-and-ivig", card.ToString(Formatting.None), StringComparison.Ordinal);
        Assert.Null(Value(second[0])!.Parent);
    }

    [Fact]
    public void Replies_to_the_same_answer_share_its_buttons_and_other_answers_get_their_own()
    {
        var cached = new AnswerResult { Kind = AnswerKind.Answer, Text = "a", Id = "ivig-flu", Suggestions = Related };
        var other = new AnswerResult { Kind = AnswerKind.Fallback, Text = "b" };

        var first = FaqBot.AnswerReply(cached, Examples, teams: false);
        var second = FaqBot.AnswerReply(cached, Examples, teams: false);
        var fallback = FaqBot.AnswerReply(other, Examples, teams: false);

        Assert.Same(first.SuggestedActions, second.SuggestedActions);
        Assert.Equal(["vaccines-and-ivig", "feedback:helpful", "feedback:not-helpful"], second.SuggestedActions.Actions.Select(Describe));
        Assert.Equal(["what-is-ivig", "ivig-flu"], fallback.SuggestedActions.Actions.Select(Describe));
        Assert.Null(FaqBot.AnswerReply(new AnswerResult { Kind = AnswerKind.Emergency, Text = "call" }, Examples, teams: false).SuggestedActions);
        Assert.Null(FaqBot.AnswerReply(cached, Examples, teams: true).SuggestedActions);
    }

    private static string Describe(CardAction action) =>
        Value(action)?[FaqBot.FeedbackKey] is { } feedback
            ? $"feedback:{(string?)feedback}"
            : (string?)Value(action)?[FaqBot.EntryIdKey] ?? "?";

    private static JObject? Value(CardAction action) => action.Value as JObject;
}
