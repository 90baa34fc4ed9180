using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace IvigBot.BotFramework.Tests.Infrastructure;

/// <summary>
/// Incoming activities from the Emulator and from Teams, replies as a turn sends them, and the wire as the SDK's own
/// serializer writes it: the plain definition the wire tests compare <c>BotFrameworkJson</c> with.
/// </summary>
internal static class WireActivities
{
    public static Activity FromEmulator() => new(ActivityTypes.Message)
    {
        Id = "m1",
        ChannelId = Channels.Emulator,
        ServiceUrl = "http://127.0.0.1:9/",
        From = new ChannelAccount("user-1", "User \"One\"", RoleTypes.User),
        Recipient = new ChannelAccount("bot-1", "Bot", RoleTypes.Bot),
        Conversation = new ConversationAccount(id: "c1|livechat"),
        Locale = "en-US",
    };

    public static Activity FromTeams() => new(ActivityTypes.Message)
    {
        Id = "1700000000000",
        ChannelId = Channels.Msteams,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new ChannelAccount("29:1user", "Patient", aadObjectId: "00000000-0000-0000-0000-000000000001"),
        Recipient = new ChannelAccount("28:bot", "IVIG bot"),
        Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: "19:abc@thread.tacv2;messageid=1700000000000", tenantId: "tenant-1"),
    };

    /// <summary><paramref name="reply"/> as the SDK's turn context sends it in reply to <paramref name="incoming"/>.</summary>
    public static Activity Sent(Activity reply, Activity incoming) =>
        reply.ApplyConversationReference(incoming.GetConversationReference());

    /// <summary>The plain definition: Newtonsoft's own writer with the SDK's settings, compact, as UTF-8.</summary>
    public static byte[] SdkJson(object value)
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
