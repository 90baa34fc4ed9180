using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.DirectLine;
using IvigBot.BotFramework.Integration;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using IMiddleware = Microsoft.Bot.Builder.IMiddleware;

namespace IvigBot.Hosting;

/// <summary>
/// The <c>/api/messages</c> adapter with the host's <see cref="BotAdapter.OnTurnError"/>, as in the SDK samples'
/// <c>AdapterWithErrorHandler</c> (log the failure, never the patient's text, and tell the user something polite), and
/// every <see cref="IMiddleware"/> registered in the container, in registration order.
/// </summary>
public sealed class AdapterWithErrorHandler : FastCloudAdapter
{
    public AdapterWithErrorHandler(
        BotFrameworkAuthentication authentication,
        IOptionsMonitor<BotFrameworkOptions> options,
        ServiceUrlPolicy serviceUrlPolicy,
        ILogger<FastCloudAdapter> logger,
        IEnumerable<IInboundActivityFilter> filters,
        IEnumerable<IMiddleware> middleware)
        : base(authentication, options, serviceUrlPolicy, logger, filters)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        OnTurnError = TurnErrors.Handler(logger);
        foreach (var step in middleware)
        {
            Use(step);
        }
    }
}

/// <summary>The self-hosted Direct Line adapter with the same <see cref="BotAdapter.OnTurnError"/> and middleware.</summary>
public sealed class DirectLineAdapterWithErrorHandler : DirectLineAdapter
{
    public DirectLineAdapterWithErrorHandler(TimeProvider timeProvider, ILogger<DirectLineAdapter> logger, IEnumerable<IMiddleware> middleware)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        OnTurnError = TurnErrors.Handler(logger);
        foreach (var step in middleware)
        {
            Use(step);
        }
    }
}

/// <summary>What both adapters do when a turn fails.</summary>
public static partial class TurnErrors
{
    /// <summary>What the user reads when their message could not be handled.</summary>
    public const string Message = "Sorry, something went wrong on our side. Please try again in a moment.";

    /// <summary>
    /// Logs the exception with the activity's type and channel, and answers a failed message with <see cref="Message"/>.
    /// If sending that fails too, the exception goes back to the adapter (500 on <c>/api/messages</c>, 502 on Direct Line).
    /// </summary>
    public static Func<ITurnContext, Exception, Task> Handler(ILogger logger) => async (turnContext, exception) =>
    {
        LogTurnError(logger, exception, turnContext.Activity.Type, turnContext.Activity.ChannelId);
        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(Message), CancellationToken.None).ConfigureAwait(false);
        }
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for a {ActivityType} activity from channel {ChannelId}")]
    private static partial void LogTurnError(ILogger logger, Exception exception, string? activityType, string? channelId);
}
