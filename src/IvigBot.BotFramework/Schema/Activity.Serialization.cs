namespace IvigBot.BotFramework.Schema;

public sealed partial class Activity
{
    /// <summary>
    /// Sets empty attachments, entities and suggested actions to null, so they are omitted rather than sent as []
    /// (spec A2100/A3050/A7701).
    /// </summary>
    public void OmitEmptyCollections()
    {
        if (Attachments is { Count: 0 })
        {
            Attachments = null;
        }

        if (Entities is { Count: 0 })
        {
            Entities = null;
        }

        if (SuggestedActions is { Actions.Count: 0 })
        {
            SuggestedActions = null;
        }
    }
}
