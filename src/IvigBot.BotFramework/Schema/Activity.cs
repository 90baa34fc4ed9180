using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Schema;

/// <summary>
/// One Bot Framework activity. Fields not modelled here are kept in <see cref="Properties"/> and written back, so a
/// round trip never loses what a channel sent (spec A2005).
/// </summary>
public sealed partial class Activity
{
    /// <summary>One of <see cref="ActivityTypes"/>; compared ordinally.</summary>
    public string? Type { get; set; }

    /// <summary>Assigned by the channel; bots do not send it.</summary>
    public string? Id { get; set; }

    [JsonConverter(typeof(TimestampJsonConverter))]
    public DateTimeOffset? Timestamp { get; set; }

    [JsonConverter(typeof(TimestampJsonConverter))]
    public DateTimeOffset? LocalTimestamp { get; set; }

    public string? LocalTimezone { get; set; }

    /// <summary>Base URL of the Connector API that replies go to; set by the channel on every inbound activity.</summary>
    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public string? TextFormat { get; set; }

    public string? AttachmentLayout { get; set; }

    public IList<ChannelAccount>? MembersAdded { get; set; }

    public IList<ChannelAccount>? MembersRemoved { get; set; }

    public IList<MessageReaction>? ReactionsAdded { get; set; }

    public IList<MessageReaction>? ReactionsRemoved { get; set; }

    public string? TopicName { get; set; }

    public string? Locale { get; set; }

    public string? Text { get; set; }

    public string? Speak { get; set; }

    public string? InputHint { get; set; }

    public string? Summary { get; set; }

    public SuggestedActions? SuggestedActions { get; set; }

    public IList<Attachment>? Attachments { get; set; }

    public IList<Entity>? Entities { get; set; }

    public JsonNode? ChannelData { get; set; }

    /// <summary><c>add</c>/<c>remove</c> on installation updates.</summary>
    public string? Action { get; set; }

    public string? ReplyToId { get; set; }

    /// <summary>Required for <c>event</c> and <c>invoke</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Card submit data, invoke/event payload; any JSON.</summary>
    public JsonNode? Value { get; set; }

    public ConversationReference? RelatesTo { get; set; }

    /// <summary>For <c>endOfConversation</c>.</summary>
    public string? Code { get; set; }

    /// <summary>One of <see cref="DeliveryModes"/>; <c>normal</c> when omitted.</summary>
    public string? DeliveryMode { get; set; }

    /// <summary>Who sent the activity, as established by authentication. Never on the wire (spec A2251).</summary>
    [JsonIgnore]
    public string? CallerId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A message with the given text.</summary>
    public static Activity CreateMessageActivity(string? text = null) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>A typing indicator; channels show it for about three seconds.</summary>
    public static Activity CreateTypingActivity() => new() { Type = ActivityTypes.Typing };

    /// <summary>True when <see cref="Type"/> equals <paramref name="activityType"/> (ordinal, spec A2011).</summary>
    public bool IsType(string activityType) => string.Equals(Type, activityType, StringComparison.Ordinal);

    /// <summary>True when the sender asked for replies in the HTTP response (<c>deliveryMode: expectReplies</c>).</summary>
    [JsonIgnore]
    public bool ExpectsReplies => string.Equals(DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);

    /// <summary>
    /// A message answering this activity: <c>from</c> and <c>recipient</c> swapped, <c>replyToId</c> = this id, and the
    /// conversation, channel, service URL and locale copied.
    /// </summary>
    public Activity CreateReply(string? text = null, string? locale = null) => new()
    {
        Type = ActivityTypes.Message,
        From = CopyAccount(Recipient),
        Recipient = CopyAccount(From),
        ReplyToId = RepliesThreadToId() ? Id : null,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = Conversation is null ? null : new ConversationAccount(Conversation.Id),
        Text = text,
        Locale = locale ?? Locale,
    };

    /// <summary>A reference to this activity's conversation, as seen from the bot.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = RepliesThreadToId() ? Id : null,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        Locale = Locale,
        ServiceUrl = ServiceUrl,
    };

    /// <summary>
    /// Addresses this (outgoing) activity to the referenced conversation: channel, service URL and conversation are
    /// overwritten, <c>from</c> becomes the bot and <c>recipient</c> the user, <c>replyToId</c> the referenced
    /// activity when there is one, and the locale is filled in when missing.
    /// </summary>
    public Activity ApplyConversationReference(ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ChannelId = reference.ChannelId;
        ServiceUrl = reference.ServiceUrl;
        Conversation = reference.Conversation;
        From = reference.Bot;
        Recipient = reference.User;
        if (reference.ActivityId is not null)
        {
            ReplyToId = reference.ActivityId;
        }

        if (string.IsNullOrEmpty(Locale))
        {
            Locale = reference.Locale;
        }

        return this;
    }

    /// <summary>The mention entities of this activity.</summary>
    public IReadOnlyList<Mention> GetMentions() =>
        Entities?.Select(e => e.AsMention()).OfType<Mention>().ToList() ?? [];

    // The SDK does not thread replies to conversation updates on Direct Line / Web Chat.
    private bool RepliesThreadToId() =>
        !(IsType(ActivityTypes.ConversationUpdate)
          && (string.Equals(ChannelId, Channels.Directline, StringComparison.Ordinal)
              || string.Equals(ChannelId, Channels.Webchat, StringComparison.Ordinal)));

    private static ChannelAccount? CopyAccount(ChannelAccount? account) =>
        account is null ? null : new ChannelAccount(account.Id, account.Name);
}
