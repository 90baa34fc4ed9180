using System.Collections.ObjectModel;
using Microsoft.Bot.Schema;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// <see cref="SuggestedActions"/> that many replies share and nobody changes (the buttons of an answer from the
/// answer cache): its action list is read-only, and <see cref="BotFrameworkJson"/> serializes it once and then writes
/// that JSON as it is, so a reply does not walk the same buttons again (about half of writing a reply with five
/// buttons). The JSON is what the SDK's serializer writes for the same actions; other serializers (the connector
/// client's) see an ordinary <see cref="SuggestedActions"/>.
/// <para>
/// Shared means frozen: the <see cref="CardAction"/>s and their values must not be changed once the object is made
/// (a middleware that wants other buttons sets a new <see cref="SuggestedActions"/> on its reply).
/// </para>
/// </summary>
public sealed class FrozenSuggestedActions : SuggestedActions
{
    public FrozenSuggestedActions(IList<CardAction> actions)
        : base(actions: new ReadOnlyCollection<CardAction>([.. actions ?? throw new ArgumentNullException(nameof(actions))]))
    {
    }

    /// <summary>The wire JSON, made by <see cref="BotFrameworkJson"/> on the first write.</summary>
    internal string? Json { get; set; }
}
