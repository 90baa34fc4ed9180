using Microsoft.Bot.Schema;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// Decides whether <see cref="FastCloudAdapter"/> serves an authenticated activity. It runs before the turn: a refusal is
/// answered 403 with its code and message, the bot never sees the activity and nothing is sent to the channel.
/// </summary>
public interface IInboundActivityFilter
{
    /// <summary>Null to serve the activity; otherwise why it is refused.</summary>
    InboundActivityRefusal? Check(Activity activity);
}

/// <summary>Why an activity is refused: <see cref="Code"/> and <see cref="Message"/> go into the 403 error body.</summary>
public sealed record InboundActivityRefusal(string Code, string Message);
