namespace IvigBot.BotFramework.Builder;

/// <summary>A bot: handles one incoming activity per turn.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>The code an adapter runs for a turn.</summary>
public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);
