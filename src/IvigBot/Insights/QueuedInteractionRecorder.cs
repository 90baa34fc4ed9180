using System.Threading.Channels;
using IvigBot.Answering;
using IvigBot.Privacy;
using Microsoft.Extensions.Options;

namespace IvigBot.Insights;

/// <summary>
/// The <see cref="IInteractionRecorder"/> of the host: a bounded in-memory queue read by <see cref="InteractionWriter"/>.
/// Recording never waits: when the queue is full the interaction is dropped and counted in <see cref="Dropped"/>.
/// With <c>Insights:Enabled</c> false nothing is queued. What is queued is raw (the question, the conversation id): the
/// writer redacts and hashes it in the background, so a turn pays only for a queued record.
/// </summary>
public sealed class QueuedInteractionRecorder : IInteractionRecorder
{
    private readonly Channel<Interaction> _channel;
    private readonly TimeProvider _timeProvider;
    private readonly bool _enabled;
    private readonly double _lowConfidence;
    private long _dropped;

    public QueuedInteractionRecorder(IOptions<InsightsOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        var settings = options.Value;
        _enabled = settings.Enabled;
        _lowConfidence = settings.LowConfidence;
        _channel = Channel.CreateBounded<Interaction>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses at once, and we count it
            SingleReader = true,
        });
    }

    /// <summary>Interactions dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Interactions waiting to be written.</summary>
    public int Pending => _channel.Reader.Count;

    internal ChannelReader<Interaction> Reader => _channel.Reader;

    public void RecordMessage(string? channelId, string? conversationId, string question, AnswerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Kind == AnswerKind.Smalltalk)
        {
            return;
        }

        var unsure = result.Kind is AnswerKind.Fallback or AnswerKind.Clarify
            || (result.Kind == AnswerKind.Answer && result.Confidence < _lowConfidence);
        Enqueue(new MessageInteraction(
            Now(), ChannelOf(channelId), conversationId, KindName(result.Kind), result.Confidence,
            unsure ? question : null,
            unsure ? string.Join(',', result.Suggestions.Select(s => s.Id)) : string.Empty));
    }

    public void RecordPick(string? channelId, string? conversationId, string entryId)
    {
        if (TextRedactor.RedactId(entryId) is { } id && id != TextRedactor.NotAnId)
        {
            Enqueue(new PickInteraction(Now(), ChannelOf(channelId), conversationId, id));
        }
    }

    public void RecordFeedback(string? channelId, string? conversationId, string? entryId, bool helpful)
    {
        if (TextRedactor.RedactId(entryId) is { } id && id != TextRedactor.NotAnId)
        {
            Enqueue(new FeedbackInteraction(Now(), ChannelOf(channelId), conversationId, id, helpful));
        }
    }

    /// <summary>The name stored for a reply kind (as in the answer result's JSON).</summary>
    public static string KindName(AnswerKind kind) => kind switch
    {
        AnswerKind.Answer => "answer",
        AnswerKind.Clarify => "clarify",
        AnswerKind.Fallback => "fallback",
        AnswerKind.Emergency => "emergency",
        AnswerKind.Advice => "advice",
        _ => "smalltalk",
    };

    /// <summary>Stops accepting interactions (at shutdown); what is queued can still be read.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    private void Enqueue(Interaction interaction)
    {
        if (_enabled && !_channel.Writer.TryWrite(interaction))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static string? ChannelOf(string? channelId) => TextRedactor.RedactId(channelId);

}
