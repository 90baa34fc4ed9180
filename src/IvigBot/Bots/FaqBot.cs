using System.Runtime.CompilerServices;
using IvigBot.Answering;
using IvigBot.Apis;
using IvigBot.BotFramework.Integration;
using IvigBot.Hosting;
using IvigBot.Insights;
using IvigBot.Privacy;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IvigBot.Bots;

/// <summary>
/// The IVIG FAQ bot on Bot Framework channels (<c>/api/messages</c> and the self-hosted Direct Line), a
/// <see cref="TeamsActivityHandler"/> of the Bot Framework SDK. Each message gets a typing indicator, then the
/// answer engine's reply as Markdown with suggested actions: related questions and feedback buttons after an answer,
/// the candidates after a clarifying question, example questions otherwise. Clicking a question sends
/// <c>{"entryId": "..."}</c> and is answered with exactly that entry; feedback buttons send
/// <c>{"feedback": "helpful"|"not-helpful", "entryId": "..."}</c>. Logs never contain what the patient typed.
/// <para>
/// In Microsoft Teams (<c>channelId: msteams</c>) the same buttons come as an Adaptive Card (see
/// <see cref="FaqCardBuilder"/>) instead of suggested actions; the bot's @mention is removed before answering; replies go
/// to the conversation they came from (a channel thread included); the welcome is sent once, when the app is installed
/// (<c>installationUpdate</c> <c>add</c>), never when people join a team or chat; and <c>Action.Execute</c> clicks
/// (<c>adaptiveCard/action</c>) are answered in the invoke response with a card, without calling back to Teams.
/// People joining a team are not looked up in the roster (<see cref="TeamsInfo"/>) nor greeted.
/// </para>
/// </summary>
public sealed partial class FaqBot : TeamsActivityHandler
{
    /// <summary>The <c>value</c> key of a suggested question: answer this entry id without searching.</summary>
    public const string EntryIdKey = "entryId";

    /// <summary>The <c>value</c> key of a feedback button; its value is <see cref="Helpful"/> or <see cref="NotHelpful"/>.</summary>
    public const string FeedbackKey = "feedback";

    public const string Helpful = "helpful";
    public const string NotHelpful = "not-helpful";

    public const string WelcomeText =
        "Hello! I answer common questions about IVIG (immunoglobulin) treatment: what it is, how an infusion goes, " +
        "side effects and everyday life. I give general information, not medical advice: for your own treatment, " +
        "please talk to your doctor or care team. You can type a question or pick one below.";

    public const string FeedbackThanksText = "Thanks for letting us know.";

    public const string UnknownEntryText =
        "Sorry, I can no longer find that question. Please type your question, or pick one below.";

    public const string UnknownActionText = "Sorry, this button no longer works. Please type your question.";

    /// <summary>Heading of the related questions in a Teams card.</summary>
    public const string RelatedHeading = "Related questions";

    /// <summary>What the log says instead of an entry id that is not in the index (the caller made it up).</summary>
    private const string UnknownEntryLogged = "(unknown)";

    /// <summary>Teams' reaction types, logged as they are; any other type is logged hashed.</summary>
    private static readonly HashSet<string> KnownReactions = new(StringComparer.Ordinal) { "like", "heart", "laugh", "surprised", "sad", "angry" };

    private readonly AnswerEngineProvider _engines;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FaqBot> _logger;
    private readonly IInteractionRecorder _recorder;

    public FaqBot(AnswerEngineProvider engines, IInteractionRecorder recorder, TimeProvider timeProvider, ILogger<FaqBot> logger)
    {
        _engines = engines ?? throw new ArgumentNullException(nameof(engines));
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        // Hashed only for a line that is written: an HMAC per message cost more than the lines it was for.
        string? ConversationForLog() => TextRedactor.HashId(activity.Conversation?.Id);
        var value = ValueObject(activity.Value);
        var teams = IsFromTeams(activity);

        if (StringOf(value, FeedbackKey) is { } feedback)
        {
            var helpful = string.Equals(feedback, Helpful, StringComparison.OrdinalIgnoreCase);
            var entryId = KnownEntryId(_engines.Engine, StringOf(value, EntryIdKey));
            var conversationId = ConversationForLog();
            LogFeedback(entryId ?? UnknownEntryLogged, helpful, conversationId);
            _recorder.RecordFeedback(activity.ChannelId, activity.Conversation?.Id, entryId, helpful);
            await turnContext.SendActivityAsync(MessageFactory.Text(FeedbackThanksText), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (activity.DeliveryMode != DeliveryModes.ExpectReplies)
        {
            // With expectReplies every reply comes back at once in the HTTP response, after the answer is ready:
            // a typing indicator there could never be shown before the answer.
            await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken).ConfigureAwait(false);
        }

        var started = _timeProvider.GetTimestamp();
        var engine = _engines.Engine;
        var chosenId = StringOf(value, EntryIdKey);
        AnswerResult? result;
        if (chosenId is not null)
        {
            result = engine.AnswerById(chosenId);
            if (result is null)
            {
                LogUnknownEntry(TextRedactor.HashId(chosenId)!, ConversationForLog());
                await turnContext.SendActivityAsync(Reply(UnknownEntryText, QuestionActions(engine.Examples), teams), cancellationToken).ConfigureAwait(false);
                return;
            }

            _recorder.RecordPick(activity.ChannelId, activity.Conversation?.Id, chosenId);
        }
        else
        {
            var question = activity.RemoveRecipientMention() ?? string.Empty;
            result = await engine.AnswerAsync(AskApi.Clipped(question), cancellationToken).ConfigureAwait(false);
            _recorder.RecordMessage(activity.ChannelId, activity.Conversation?.Id, question, result);
            if (result.Kind is AnswerKind.Fallback or AnswerKind.Clarify && _logger.IsEnabled(LogLevel.Debug))
            {
                var redacted = TextRedactor.RedactForLog(question, engine.Index.Parser.IsKnownWord);
                var conversationId = ConversationForLog();
                LogUnanswered(result.Kind, conversationId, redacted);
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var conversationId = ConversationForLog();
            var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            LogAnswered(conversationId, result.Kind, result.Id, chosenId is not null, elapsedMs);
        }

        await turnContext.SendActivityAsync(AnswerReply(result, engine.Examples, teams), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One welcome per conversation update, whoever joined (the layer has already removed the bot itself). Not on
    /// Teams: there the welcome comes with the installation (see <see cref="OnInstallationUpdateAddAsync"/>).
    /// </summary>
    protected override async Task OnMembersAddedAsync(
        IList<ChannelAccount> membersAdded,
        ITurnContext<IConversationUpdateActivity> turnContext,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        ArgumentNullException.ThrowIfNull(turnContext);
        var botId = turnContext.Activity.Recipient?.Id;
        var people = membersAdded.Count(m => !string.Equals(m.Id, botId, StringComparison.Ordinal));
        await WelcomeAsync(turnContext, people, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// People joining a Teams team, channel or group chat are not greeted one by one (the conversation got its welcome
    /// when the app was installed), so the SDK's dispatch, which would first look each of them up in the roster with
    /// <see cref="TeamsInfo.GetMemberAsync"/> (a Connector call per person) before
    /// <see cref="TeamsActivityHandler.OnTeamsMembersAddedAsync"/>, is not needed.
    /// </summary>
    protected override Task OnTeamsMembersAddedDispatchAsync(
        IList<ChannelAccount> membersAdded,
        TeamInfo teamInfo,
        ITurnContext<IConversationUpdateActivity> turnContext,
        CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The app was installed (personal chat, group chat or team): one welcome. Upgrades (<c>add-upgrade</c>) are not
    /// welcomed again.
    /// </summary>
    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return string.Equals(turnContext.Activity.Action, "add", StringComparison.Ordinal)
            ? WelcomeAsync(turnContext, members: 1, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>
    /// An <c>Action.Execute</c> click, answered at once in the invoke response: verb <c>answer</c> replaces the card
    /// with that entry's answer and its buttons; verb <c>feedback</c> is recorded and thanked. Nothing is sent to the
    /// channel, so the answer is as fast as the engine.
    /// </summary>
    protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext,
        AdaptiveCardInvokeValue invokeValue,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(invokeValue);
        var conversationId = TextRedactor.HashId(turnContext.Activity.Conversation?.Id);
        var data = ValueObject(invokeValue.Action?.Data);
        var entryId = StringOf(data, EntryIdKey);
        var engine = _engines.Engine;
        AdaptiveCardInvokeResponse response;
        switch (invokeValue.Action?.Verb)
        {
            case FaqCardBuilder.FeedbackVerb when StringOf(data, FeedbackKey) is { } feedback:
                var helpful = string.Equals(feedback, Helpful, StringComparison.OrdinalIgnoreCase);
                var knownEntryId = KnownEntryId(engine, entryId);
                LogFeedback(knownEntryId ?? UnknownEntryLogged, helpful, conversationId);
                _recorder.RecordFeedback(turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id, knownEntryId, helpful);
                response = FaqCardBuilder.MessageResponse(FeedbackThanksText);
                break;
            case FaqCardBuilder.AnswerVerb when entryId is not null:
                var started = _timeProvider.GetTimestamp();
                if (engine.AnswerById(entryId) is { } result)
                {
                    var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
                    LogAnswered(conversationId, result.Kind, result.Id, true, elapsedMs);
                    _recorder.RecordPick(turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id, entryId);
                    response = FaqCardBuilder.CardResponse(
                        FaqCardBuilder.AnswerCard(result.Text, ActionsFor(result, engine.Examples), HeadingFor(result)));
                }
                else
                {
                    LogUnknownEntry(TextRedactor.HashId(entryId)!, conversationId);
                    response = FaqCardBuilder.CardResponse(FaqCardBuilder.AnswerCard(UnknownEntryText, QuestionActions(engine.Examples)));
                }

                break;
            default:
                LogUnknownAction(TextRedactor.HashId(invokeValue.Action?.Verb), conversationId);
                response = FaqCardBuilder.ErrorResponse(StatusCodes.Status400BadRequest, "BadRequest", UnknownActionText);
                break;
        }

        return Task.FromResult(response);
    }

    private async Task WelcomeAsync(ITurnContext turnContext, int members, CancellationToken cancellationToken)
    {
        var conversationId = TextRedactor.HashId(turnContext.Activity.Conversation?.Id);
        LogWelcomed(conversationId, members);
        var welcome = Reply(WelcomeText, QuestionActions(_engines.Engine.Examples), IsFromTeams(turnContext.Activity));
        await turnContext.SendActivityAsync(welcome, cancellationToken).ConfigureAwait(false);
    }

    protected override Task OnReactionsAddedAsync(
        IList<MessageReaction> messageReactions,
        ITurnContext<IMessageReactionActivity> turnContext,
        CancellationToken cancellationToken) => RecordReactions(messageReactions, turnContext, added: true);

    protected override Task OnReactionsRemovedAsync(
        IList<MessageReaction> messageReactions,
        ITurnContext<IMessageReactionActivity> turnContext,
        CancellationToken cancellationToken) => RecordReactions(messageReactions, turnContext, added: false);

    private Task RecordReactions(IList<MessageReaction> messageReactions, ITurnContext<IMessageReactionActivity> turnContext, bool added)
    {
        ArgumentNullException.ThrowIfNull(messageReactions);
        ArgumentNullException.ThrowIfNull(turnContext);
        var replyToId = TextRedactor.HashId(turnContext.Activity.ReplyToId);
        var conversationId = TextRedactor.HashId(turnContext.Activity.Conversation?.Id);
        foreach (var reaction in messageReactions)
        {
            var reactionType = KnownReactions.Contains(reaction.Type ?? string.Empty) ? reaction.Type : TextRedactor.HashId(reaction.Type);
            LogReaction(replyToId, reactionType, added, conversationId);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The buttons under a reply: after an answer its related questions and the two feedback buttons; the candidates
    /// after a clarifying question; the examples after a fallback or small talk; none after an emergency.
    /// </summary>
    internal static List<CardAction> ActionsFor(AnswerResult result, IReadOnlyList<Suggestion> examples) => result.Kind switch
    {
        AnswerKind.Answer when result.Id is not null => [.. QuestionActions(result.Suggestions), .. FeedbackActions(result.Id)],
        AnswerKind.Answer or AnswerKind.Advice or AnswerKind.Clarify => QuestionActions(result.Suggestions),
        AnswerKind.Fallback or AnswerKind.Smalltalk => QuestionActions(examples),
        _ => [],
    };

    /// <summary>
    /// A <c>messageBack</c> per question (each entry once): shows the question as the patient's message, sends its
    /// entry id.
    /// </summary>
    internal static List<CardAction> QuestionActions(IEnumerable<Suggestion> suggestions)
    {
        var actions = new List<CardAction>(4);
        var ids = new List<string>(4);
        foreach (var suggestion in suggestions)
        {
            if (!ids.Contains(suggestion.Id, StringComparer.Ordinal))
            {
                ids.Add(suggestion.Id);
                actions.Add(new CardAction
                {
                    Type = ActionTypes.MessageBack,
                    Title = suggestion.Question,
                    Text = suggestion.Question,
                    DisplayText = suggestion.Question,
                    Value = ButtonValues.Entry(suggestion.Id),
                });
            }
        }

        return actions;
    }

    internal static List<CardAction> FeedbackActions(string entryId) =>
    [
        FeedbackAction("Helpful", Helpful, entryId, HelpfulIcon),
        FeedbackAction("Not helpful", NotHelpful, entryId, NotHelpfulIcon),
    ];

    /// <summary>
    /// A tick and a cross before "Helpful" and "Not helpful", so that the feedback buttons look different from the
    /// related questions above them (Web Chat shows a suggested action's image beside its title). Decorative: no alt text.
    /// </summary>
    internal static readonly string HelpfulIcon = SvgDataUri("<path d='M3 8.5l3.2 3.2L13 4.8' fill='none' stroke='#1b6b3a' stroke-width='2.2' stroke-linecap='round' stroke-linejoin='round'/>");

    internal static readonly string NotHelpfulIcon = SvgDataUri("<path d='M4.5 4.5l7 7M11.5 4.5l-7 7' fill='none' stroke='#8f1d1d' stroke-width='2.2' stroke-linecap='round'/>");

    private static string SvgDataUri(string paths) =>
        "data:image/svg+xml," + Uri.EscapeDataString($"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>{paths}</svg>");

    private static CardAction FeedbackAction(string title, string feedback, string entryId, string icon) => new()
    {
        Type = ActionTypes.MessageBack,
        Title = title,
        DisplayText = title,
        Value = ButtonValues.Feedback(feedback, entryId),
        Image = icon,
        ImageAltText = string.Empty,
    };

    private static bool IsFromTeams(IActivity activity) => activity.ChannelId == Channels.Msteams;

    /// <summary>
    /// The JSON values of the buttons, made once per entry (and feedback kind) and shared by every reply: nothing
    /// changes a value once made (the Teams card builder clones them), and a reply from the answer cache then costs
    /// no new JSON objects. Entry ids come from the FAQ, so the cache stays small; past <see cref="MaxValues"/> values
    /// (content reloaded with ever new ids) new ones are made per reply instead.
    /// </summary>
    private static class ButtonValues
    {
        private const int MaxValues = 10_000;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Feedback, string EntryId), JObject> Values = new();

        public static JObject Entry(string entryId) => Get(string.Empty, entryId);

        public static JObject Feedback(string feedback, string entryId) => Get(feedback, entryId);

        private static JObject Get(string feedback, string entryId) =>
            Values.TryGetValue((feedback, entryId), out var value) ? value
            : Values.Count < MaxValues ? Values.GetOrAdd((feedback, entryId), Make)
            : Make((feedback, entryId));

        private static JObject Make((string Feedback, string EntryId) key) => key.Feedback.Length == 0
            ? new JObject { [EntryIdKey] = key.EntryId }
            : new JObject { [FeedbackKey] = key.Feedback, [EntryIdKey] = key.EntryId };
    }

    /// <summary>
    /// A Markdown reply with its buttons: suggested actions, or on Teams an Adaptive Card attachment
    /// (<see cref="FaqCardBuilder.ChoicesCard"/>).
    /// </summary>
    internal static Activity Reply(string markdown, List<CardAction> actions, bool teams, string? heading = null)
    {
        var reply = MessageFactory.Text(markdown);
        reply.TextFormat = TextFormatTypes.Markdown;
        if (actions.Count == 0)
        {
            return reply;
        }

        if (teams)
        {
            reply.Attachments = [FaqCardBuilder.ChoicesCard(actions, heading)];
        }
        else
        {
            reply.SuggestedActions = new SuggestedActions(actions: actions);
        }

        return reply;
    }

    /// <summary>
    /// The reply to <paramref name="result"/>. Its suggested actions are made once per result and shared
    /// (<see cref="FrozenSuggestedActions"/>): an answer from the answer cache is the same <see cref="AnswerResult"/>
    /// every time, so its replies reuse the same buttons and their JSON. A result's buttons depend only on it and on its
    /// engine's examples, and a result never outlives its engine.
    /// </summary>
    internal static Activity AnswerReply(AnswerResult result, IReadOnlyList<Suggestion> examples, bool teams)
    {
        if (teams)
        {
            return Reply(result.Text, ActionsFor(result, examples), teams, HeadingFor(result));
        }

        var buttons = SharedButtons.GetOrAdd(result, static (r, e) => new FrozenSuggestedActions(ActionsFor(r, e)), examples);
        var reply = Reply(result.Text, [], teams: false);
        if (buttons.Actions.Count > 0)
        {
            reply.SuggestedActions = buttons;
        }

        return reply;
    }

    /// <summary>The suggested actions of each result, for as long as the result lives (see <see cref="AnswerReply"/>).</summary>
    private static readonly ConditionalWeakTable<AnswerResult, FrozenSuggestedActions> SharedButtons = new();

    private static string? HeadingFor(AnswerResult result) =>
        result.Kind == AnswerKind.Answer && result.Suggestions.Count > 0 ? RelatedHeading : null;

    /// <summary>
    /// The button data as an object: card submits and messageBack send an object; a messageBack value written as a
    /// JSON string (as some Teams samples do) is parsed.
    /// </summary>
    private static JObject? ValueObject(object? value)
    {
        if (value is JObject json)
        {
            return json;
        }

        var text = value switch
        {
            string s => s,
            JValue { Type: JTokenType.String } scalar => (string?)scalar,
            _ => null,
        };
        if (text is not null && text.TrimStart().StartsWith('{'))
        {
            try
            {
                return JObject.Parse(text);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary><paramref name="entryId"/> when the index has it, else null: only real ids are logged or stored.</summary>
    private static string? KnownEntryId(AnswerEngine engine, string? entryId) =>
        entryId is not null && engine.Index.Find(entryId) is not null ? entryId : null;

    private static string? StringOf(JObject? value, string key) =>
        value?[key] is JValue { Type: JTokenType.String } scalar
        && (string?)scalar is { } text
        && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    // Debug, not Information: one line per answered message would cost more than answering (docs/benchmarks.md).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered {Kind} with entry {EntryId} (chosen: {Chosen}) in conversation {ConversationId} in {ElapsedMs:F0} ms")]
    private partial void LogAnswered(string? conversationId, AnswerKind kind, string? entryId, bool chosen, double elapsedMs);

    /// <summary>For finding questions the FAQ is missing: only the redacted text, and only at Debug.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "No sure answer ({Kind}) in conversation {ConversationId} for (redacted) {RedactedQuestion}")]
    private partial void LogUnanswered(AnswerKind kind, string? conversationId, string? redactedQuestion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chosen entry {EntryId} does not exist (conversation {ConversationId})")]
    private partial void LogUnknownEntry(string entryId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on entry {EntryId}: helpful {Helpful} (conversation {ConversationId})")]
    private partial void LogFeedback(string? entryId, bool helpful, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reaction {ReactionType} (added: {Added}) to activity {ReplyToId} (conversation {ConversationId})")]
    private partial void LogReaction(string? replyToId, string? reactionType, bool added, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card action with unknown verb {Verb} or without its data (conversation {ConversationId})")]
    private partial void LogUnknownAction(string? verb, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcomed {Members} new member(s) in conversation {ConversationId}")]
    private partial void LogWelcomed(string? conversationId, int members);
}
