using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

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

    /// <summary>The <c>type</c> of a card in an attachment or an invoke response.</summary>
    public const string CardType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The <c>type</c> of an invoke response that keeps the card and shows a short message.</summary>
    public const string MessageType = "application/vnd.microsoft.activity.message";

    /// <summary>The <c>type</c> of an invoke response that reports an error.</summary>
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>The Universal Actions button that an <c>adaptiveCard/action</c> invoke comes from.</summary>
    public const string ActionExecuteType = "Action.Execute";

    /// <summary>Replaces the clicked card with <paramref name="card"/>.</summary>
    public static AdaptiveCardInvokeResponse CardResponse(JObject card) => new() { StatusCode = 200, Type = CardType, Value = card };

    /// <summary>Keeps the card and shows <paramref name="text"/> to the user who clicked.</summary>
    public static AdaptiveCardInvokeResponse MessageResponse(string text) => new() { StatusCode = 200, Type = MessageType, Value = text };

    /// <summary>An error the client shows instead of a result, e.g. <c>BadRequest</c>.</summary>
    public static AdaptiveCardInvokeResponse ErrorResponse(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = ErrorType,
        Value = new JObject { ["code"] = code, ["message"] = message },
    };

    /// <summary>
    /// An Adaptive Card attachment with <paramref name="actions"/> as <c>Action.Submit</c> buttons: questions first
    /// (under <paramref name="heading"/> when given), then the feedback buttons under <see cref="FeedbackPrompt"/>.
    /// </summary>
    public static Attachment ChoicesCard(IReadOnlyList<CardAction> actions, string? heading = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return new Attachment
        {
            ContentType = CardType,
            Content = Card(null, actions, heading, SubmitAction),
        };
    }

    /// <summary>
    /// A card that shows <paramref name="markdown"/> (the answer) followed by <paramref name="actions"/> as
    /// <c>Action.Execute</c> buttons: what an <c>adaptiveCard/action</c> click is answered with.
    /// </summary>
    public static JObject AnswerCard(string markdown, IReadOnlyList<CardAction> actions, string? heading = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(actions);
        return Card(markdown, actions, heading, ExecuteAction);
    }

    private static JObject Card(string? markdown, IReadOnlyList<CardAction> actions, string? heading, Func<CardAction, JObject> toAction)
    {
        var body = new JArray();
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

        return new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = SchemaUrl,
            ["version"] = Version,
            ["body"] = body,
        };
    }

    private static JObject SubmitAction(CardAction action)
    {
        var data = Value(action);
        var messageBack = new JObject
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
        return new JObject { ["type"] = "Action.Submit", ["title"] = action.Title, ["data"] = data };
    }

    private static JObject ExecuteAction(CardAction action) => new()
    {
        ["type"] = ActionExecuteType,
        ["title"] = action.Title,
        ["verb"] = IsFeedback(action) ? FeedbackVerb : AnswerVerb,
        ["data"] = Value(action),
    };

    private static JObject TextBlock(string text, bool bold = false, bool subtle = false)
    {
        var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
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

    private static JObject ActionSet(params JObject[] actions) =>
        new() { ["type"] = "ActionSet", ["actions"] = new JArray(actions) };

    private static bool IsFeedback(CardAction action) => action.Value is JObject value && value.ContainsKey(FaqBot.FeedbackKey);

    // A fresh copy each time: a JToken can have only one parent.
    private static JObject Value(CardAction action) => (action.Value as JObject)?.DeepClone() as JObject ?? [];
}
