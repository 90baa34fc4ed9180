namespace IvigBot.BotFramework.Schema;

/// <summary>Builds common outgoing messages, as the SDK's <c>MessageFactory</c> does.</summary>
public static class MessageFactory
{
    /// <summary>A plain-text message.</summary>
    public static Activity Text(string text, string? speak = null, string? inputHint = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Speak = speak,
        InputHint = inputHint,
    };

    /// <summary>A message with <c>imBack</c> quick replies: tapping one sends its text as the user's next message.</summary>
    public static Activity SuggestedActions(IEnumerable<string> actions, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            SuggestedActions = new SuggestedActions
            {
                Actions = actions
                    .Select(a => new CardAction { Type = ActionTypes.ImBack, Title = a, Value = a })
                    .ToList(),
            },
        };
    }
}
