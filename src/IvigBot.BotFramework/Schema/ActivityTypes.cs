namespace IvigBot.BotFramework.Schema;

/// <summary>Values of <see cref="Activity.Type"/>. Compared ordinally (spec A2011).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string InstallationUpdate = "installationUpdate";
    public const string Trace = "trace";
}

/// <summary>Values of <see cref="Activity.DeliveryMode"/>.</summary>
public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string Notification = "notification";

    /// <summary>The caller wants every reply in the HTTP response body as <see cref="ExpectedReplies"/>.</summary>
    public const string ExpectReplies = "expectReplies";
    public const string Ephemeral = "ephemeral";
}

/// <summary>Wire values of <see cref="Activity.InputHint"/> (the swagger/SDK forms, not the spec prose).</summary>
public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

/// <summary>Values of <see cref="Activity.TextFormat"/>. Omit the field for plain text (spec A3011).</summary>
public static class TextFormatTypes
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}

/// <summary>Values of <see cref="CardAction.Type"/>.</summary>
public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
    public const string Invoke = "invoke";
    public const string Signin = "signin";
}

/// <summary>Well-known <see cref="Activity.ChannelId"/> values.</summary>
public static class Channels
{
    public const string Emulator = "emulator";
    public const string Msteams = "msteams";
    public const string Directline = "directline";
    public const string Webchat = "webchat";
}

/// <summary>Values of <see cref="Activity.Action"/> on <c>installationUpdate</c> activities.</summary>
public static class InstallationUpdateActions
{
    public const string Add = "add";
    public const string AddUpgrade = "add-upgrade";
    public const string Remove = "remove";
    public const string RemoveUpgrade = "remove-upgrade";
}
