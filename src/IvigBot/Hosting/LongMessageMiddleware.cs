using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using IMiddleware = Microsoft.Bot.Builder.IMiddleware;

namespace IvigBot.Hosting;

/// <summary>
/// SDK middleware on both adapters (<c>/api/messages</c> and Direct Line): a message longer than the limit reaches the
/// bot shortened (see <see cref="LongMessagePolicy"/>), and the reply is followed by a short note saying so. Other
/// activities pass through.
/// </summary>
public sealed class LongMessageMiddleware(AnswerEngineProvider engines, LongMessagePolicy policy) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        var shortened = false;
        if (activity.Type == ActivityTypes.Message && activity.Text is { } text && text.Length > policy.MaxLength)
        {
            activity.Text = policy.QuestionFor(text, engines.Triage, out shortened);
        }

        await next(cancellationToken).ConfigureAwait(false);
        if (shortened)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(policy.Note), cancellationToken).ConfigureAwait(false);
        }
    }
}
