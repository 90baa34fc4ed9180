using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IvigBot.Hosting;

/// <summary>
/// Wraps the bot on <c>/api/messages</c>: a message longer than the limit reaches the bot shortened (see
/// <see cref="LongMessagePolicy"/>), and the reply is followed by a short note saying so. Other activities pass through.
/// </summary>
public sealed class LongMessageBot(IBot inner, AnswerEngineProvider engines, LongMessagePolicy policy) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var shortened = false;
        if (activity.Type == ActivityTypes.Message && activity.Text is { } text && text.Length > policy.MaxLength)
        {
            activity.Text = policy.QuestionFor(text, engines.Triage, out shortened);
        }

        await inner.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (shortened)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(policy.Note), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the registered <see cref="IBot"/> with this wrapper around it.</summary>
    internal static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IBot))
            ?? throw new InvalidOperationException("Register the bot (IBot) before wrapping it.");
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(
            typeof(IBot),
            sp => new LongMessageBot(Create(sp, registered), sp.GetRequiredService<AnswerEngineProvider>(), sp.GetRequiredService<LongMessagePolicy>()),
            registered.Lifetime));
    }

    private static IBot Create(IServiceProvider services, ServiceDescriptor registered) =>
        (IBot)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
