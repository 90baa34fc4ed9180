using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>Running the bot for a Direct Line conversation: its welcome and each posted activity.</summary>
internal static partial class DirectLineTurns
{
    /// <summary>The bot's welcome: <c>conversationUpdate</c> with the bot and the user added (never shown to the client).</summary>
    internal static async Task WelcomeAsync(HttpContext context, DirectLineServices services, DirectLineConversation conversation)
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = DirectLineConversation.ActivityId(conversation.Id, 0),
            Timestamp = services.TimeProvider.GetUtcNow(),
            ChannelId = Channels.Directline,
            ServiceUrl = ServiceUrl(context.Request),
            Conversation = new ConversationAccount(id: conversation.Id),
            From = new ChannelAccount(conversation.UserId) { Role = "user" },
            Recipient = BotRecipient(),
            MembersAdded = [BotRecipient(), new ChannelAccount(conversation.UserId)],
            Locale = conversation.Locale,
        };
        await RunAsync(context, services, conversation, update).ConfigureAwait(false);
    }

    /// <summary>Runs the bot; false when the turn failed beyond what the turn error handler could handle.</summary>
    internal static async Task<bool> RunAsync(HttpContext context, DirectLineServices services, DirectLineConversation conversation, Activity activity)
    {
        try
        {
            await services.Adapter.ProcessActivityAsync(conversation, activity, services.Bot, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // A failed turn becomes a 502 for the client, never an unhandled exception in the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTurnFailed(services.Logger, ex, activity.Type);
            return false;
        }
    }

    internal static ChannelAccount BotRecipient() =>
        new(DirectLineAdapter.BotId, DirectLineAdapter.BotName, RoleTypes.Bot);

    internal static string ServiceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line turn failed for a {ActivityType} activity and the turn error handler failed too")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? activityType);
}
