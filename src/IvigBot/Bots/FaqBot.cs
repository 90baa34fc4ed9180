using System.Text.Json.Nodes;
using IvigBot.Answering;
using IvigBot.Apis;
using IvigBot.BotFramework.Builder;
using IvigBot.BotFramework.Schema;
using IvigBot.Hosting;

namespace IvigBot.Bots;

/// <summary>
/// The IVIG FAQ bot on Bot Framework channels (<c>/api/messages</c>). Each message gets a typing indicator, then the
/// answer engine's reply as Markdown with suggested actions: related questions and feedback buttons after an answer,
/// the candidates after a clarifying question, example questions otherwise. Clicking a question sends
/// <c>{"entryId": "..."}</c> and is answered with exactly that entry; feedback buttons send
/// <c>{"feedback": "helpful"|"not-helpful", "entryId": "..."}</c>. Logs never contain what the patient typed.
/// </summary>
public sealed partial class FaqBot : ActivityHandler
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

    private readonly AnswerEngineProvider _engines;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FaqBot> _logger;

    public FaqBot(AnswerEngineProvider engines, TimeProvider timeProvider, ILogger<FaqBot> logger)
    {
        _engines = engines ?? throw new ArgumentNullException(nameof(engines));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id;
        var value = activity.Value as JsonObject;

        if (StringOf(value, FeedbackKey) is { } feedback)
        {
            var helpful = string.Equals(feedback, Helpful, StringComparison.OrdinalIgnoreCase);
            var entryId = StringOf(value, EntryIdKey);
            LogFeedback(entryId, helpful, conversationId);
            await turnContext.SendActivityAsync(MessageFactory.Text(FeedbackThanksText), cancellationToken).ConfigureAwait(false);
            return;
        }

        await turnContext.SendActivityAsync(Activity.CreateTypingActivity(), cancellationToken).ConfigureAwait(false);

        var started = _timeProvider.GetTimestamp();
        var engine = _engines.Engine;
        var chosenId = StringOf(value, EntryIdKey);
        AnswerResult? result;
        if (chosenId is not null)
        {
            result = engine.AnswerById(chosenId);
            if (result is null)
            {
                LogUnknownEntry(chosenId, conversationId);
                await turnContext.SendActivityAsync(Reply(UnknownEntryText, QuestionActions(engine.Examples)), cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        else
        {
            var question = activity.RemoveRecipientMention() ?? string.Empty;
            result = engine.Answer(question.Length > AskApi.MaxQuestionLength ? question[..AskApi.MaxQuestionLength] : question);
        }

        var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
        LogAnswered(conversationId, result.Kind, result.Id, chosenId is not null, elapsedMs);
        await turnContext.SendActivityAsync(Reply(result.Text, ActionsFor(result, engine.Examples)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One welcome per conversation update, whoever joined (the layer has already removed the bot itself).</summary>
    protected override async Task OnMembersAddedAsync(
        IReadOnlyList<ChannelAccount> membersAdded,
        ITurnContext turnContext,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        ArgumentNullException.ThrowIfNull(turnContext);
        LogWelcomed(turnContext.Activity.Conversation?.Id, membersAdded.Count);
        var welcome = Reply(WelcomeText, QuestionActions(_engines.Engine.Examples));
        await turnContext.SendActivityAsync(welcome, cancellationToken).ConfigureAwait(false);
    }

    protected override Task OnReactionsAddedAsync(
        IReadOnlyList<MessageReaction> messageReactions,
        ITurnContext turnContext,
        CancellationToken cancellationToken) => RecordReactions(messageReactions, turnContext, added: true);

    protected override Task OnReactionsRemovedAsync(
        IReadOnlyList<MessageReaction> messageReactions,
        ITurnContext turnContext,
        CancellationToken cancellationToken) => RecordReactions(messageReactions, turnContext, added: false);

    private Task RecordReactions(IReadOnlyList<MessageReaction> messageReactions, ITurnContext turnContext, bool added)
    {
        ArgumentNullException.ThrowIfNull(messageReactions);
        ArgumentNullException.ThrowIfNull(turnContext);
        foreach (var reaction in messageReactions)
        {
            LogReaction(turnContext.Activity.ReplyToId, reaction.Type, added, turnContext.Activity.Conversation?.Id);
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
    internal static List<CardAction> QuestionActions(IEnumerable<Suggestion> suggestions) =>
        suggestions.DistinctBy(s => s.Id, StringComparer.Ordinal).Select(s => new CardAction
        {
            Type = ActionTypes.MessageBack,
            Title = s.Question,
            Text = s.Question,
            DisplayText = s.Question,
            Value = new JsonObject { [EntryIdKey] = s.Id },
        }).ToList();

    internal static List<CardAction> FeedbackActions(string entryId) =>
    [
        FeedbackAction("Helpful", Helpful, entryId),
        FeedbackAction("Not helpful", NotHelpful, entryId),
    ];

    private static CardAction FeedbackAction(string title, string feedback, string entryId) => new()
    {
        Type = ActionTypes.MessageBack,
        Title = title,
        DisplayText = title,
        Value = new JsonObject { [FeedbackKey] = feedback, [EntryIdKey] = entryId },
    };

    private static Activity Reply(string markdown, List<CardAction> actions)
    {
        var reply = MessageFactory.Text(markdown);
        reply.TextFormat = TextFormatTypes.Markdown;
        if (actions.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions { Actions = actions };
        }

        return reply;
    }

    private static string? StringOf(JsonObject? value, string key) =>
        value is not null
        && value.TryGetPropertyValue(key, out var node)
        && node is JsonValue scalar
        && scalar.TryGetValue<string>(out var text)
        && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    // Debug, not Information: one line per answered message would cost more than answering (docs/benchmarks.md).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered {Kind} with entry {EntryId} (chosen: {Chosen}) in conversation {ConversationId} in {ElapsedMs:F0} ms")]
    private partial void LogAnswered(string? conversationId, AnswerKind kind, string? entryId, bool chosen, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chosen entry {EntryId} does not exist (conversation {ConversationId})")]
    private partial void LogUnknownEntry(string entryId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on entry {EntryId}: helpful {Helpful} (conversation {ConversationId})")]
    private partial void LogFeedback(string? entryId, bool helpful, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reaction {ReactionType} (added: {Added}) to activity {ReplyToId} (conversation {ConversationId})")]
    private partial void LogReaction(string? replyToId, string? reactionType, bool added, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcomed {Members} new member(s) in conversation {ConversationId}")]
    private partial void LogWelcomed(string? conversationId, int members);
}
