using System.Text.Json.Nodes;
using IvigBot.BotFramework.Schema;
using IvigBot.BotFramework.Teams;

namespace IvigBot.Bots;

/// <summary>
/// Builds the Adaptive Cards (schema 1.5, the newest Teams renders everywhere) that carry FaqBot's buttons in Microsoft
/// Teams, where suggested actions are not shown in every scope. Input is the same <c>messageBack</c> actions the other
/// channels get as suggested actions, so every channel offers the same choices:
/// <list type="bullet">
/// <item>in a reply: each question as a full-width <c>Action.Submit</c> whose data is the action's value
/// (<c>{"entryId"}</c> or <c>{"feedback","entryId"}</c>) plus <c>msteams</c> <c>messageBack</c> details, so Teams shows the
/// question (or "Helpful") as the user's message and sends the value; it arrives as a message with that <c>value</c>;</item>
/// <item>in an <c>adaptiveCard/action</c> answer: the same choices as <c>Action.Execute</c> with verb
/// <see cref="AnswerVerb"/> or <see cref="FeedbackVerb"/>, so a card refreshed in place stays usable.</item>
/// </list>
/// </summary>
public static class FaqCardBuilder
{
    public const string Version = "1.5";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary><c>Action.Execute</c> verb: answer the entry in <c>data.entryId</c>.</summary>
    public const string AnswerVerb = "answer";

    /// <summary><c>Action.Execute</c> verb: record <c>data.feedback</c> on <c>data.entryId</c>.</summary>
    public const string FeedbackVerb = "feedback";

    public const string FeedbackPrompt = "Was this helpful?";

    /// <summary>
    /// An Adaptive Card attachment with <paramref name="actions"/> as <c>Action.Submit</c> buttons: questions first
    /// (under <paramref name="heading"/> when given), then the feedback buttons under <see cref="FeedbackPrompt"/>.
    /// </summary>
    public static Attachment ChoicesCard(IReadOnlyList<CardAction> actions, string? heading = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return new Attachment
        {
            ContentType = AdaptiveCardInvokeResponse.CardType,
            Content = Card(null, actions, heading, SubmitAction),
        };
    }

    /// <summary>
    /// A card that shows <paramref name="markdown"/> (the answer) followed by <paramref name="actions"/> as
    /// <c>Action.Execute</c> buttons: what an <c>adaptiveCard/action</c> click is answered with.
    /// </summary>
    public static JsonObject AnswerCard(string markdown, IReadOnlyList<CardAction> actions, string? heading = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(actions);
        return Card(markdown, actions, heading, ExecuteAction);
    }

    private static JsonObject Card(string? markdown, IReadOnlyList<CardAction> actions, string? heading, Func<CardAction, JsonObject> toAction)
    {
        var body = new JsonArray();
        if (markdown is not null)
        {
            body.Add(TextBlock(markdown));
        }

        var questions = actions.Where(a => !IsFeedback(a)).ToList();
        var feedback = actions.Where(IsFeedback).ToList();
        if (questions.Count > 0 && heading is not null)
        {
            body.Add(TextBlock(heading, bold: true));
        }

        // One action set per question: full-width buttons, so long questions are not cut short.
        foreach (var question in questions)
        {
            body.Add(ActionSet(toAction(question)));
        }

        if (feedback.Count > 0)
        {
            body.Add(TextBlock(FeedbackPrompt, subtle: true));
            body.Add(ActionSet([.. feedback.Select(toAction)]));
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = SchemaUrl,
            ["version"] = Version,
            ["body"] = body,
        };
    }

    private static JsonObject SubmitAction(CardAction action)
    {
        var data = Value(action);
        var messageBack = new JsonObject
        {
            ["type"] = ActionTypes.MessageBack,
            ["displayText"] = action.DisplayText ?? action.Title,
            ["value"] = Value(action),
        };
        if (!string.IsNullOrEmpty(action.Text))
        {
            messageBack["text"] = action.Text;
        }

        data["msteams"] = messageBack;
        return new JsonObject { ["type"] = "Action.Submit", ["title"] = action.Title, ["data"] = data };
    }

    private static JsonObject ExecuteAction(CardAction action) => new()
    {
        ["type"] = TeamsActivityHandler.ActionExecuteType,
        ["title"] = action.Title,
        ["verb"] = IsFeedback(action) ? FeedbackVerb : AnswerVerb,
        ["data"] = Value(action),
    };

    private static JsonObject TextBlock(string text, bool bold = false, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (subtle)
        {
            block["isSubtle"] = true;
            block["spacing"] = "Medium";
        }

        return block;
    }

    private static JsonObject ActionSet(params JsonObject[] actions) =>
        new() { ["type"] = "ActionSet", ["actions"] = new JsonArray([.. actions]) };

    private static bool IsFeedback(CardAction action) => action.Value is JsonObject value && value.ContainsKey(FaqBot.FeedbackKey);

    // A fresh copy each time: a JsonNode can have only one parent.
    private static JsonObject Value(CardAction action) => action.Value?.DeepClone() as JsonObject ?? [];
}
