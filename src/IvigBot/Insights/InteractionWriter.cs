using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using IvigBot.Apis;
using IvigBot.Hosting;
using IvigBot.Privacy;
using Microsoft.Extensions.Options;

namespace IvigBot.Insights;

/// <summary>
/// Writes what <see cref="QueuedInteractionRecorder"/> holds to the <see cref="InteractionStore"/>, in batches, in the
/// background: each message is redacted here (<see cref="TextRedactor.RedactForLog"/>, once per distinct text in a
/// batch) and each conversation id replaced by its hash (<see cref="ConversationKey"/>, once per distinct id in a
/// batch), never in the turn, and identical messages of one batch are stored as one row with their count. Once
/// something is queued the writer gathers for <see cref="BatchWindow"/> before writing, so that a busy service commits a
/// few large transactions a second instead of one per message; it takes what is queued every
/// <see cref="GatherInterval"/> meanwhile, so that a queued interaction is folded into its row and dropped within
/// milliseconds instead of outliving several collections of the young generation. A store that is down costs a warning
/// and the batch (counted in <see cref="Failed"/>), never a reply. Once an hour, and at start, rows older than
/// <c>Insights:RetentionDays</c> are deleted. At shutdown what is queued is written first.
/// </summary>
public sealed partial class InteractionWriter(
    QueuedInteractionRecorder queue,
    InteractionStore store,
    AnswerEngineProvider engines,
    IOptions<InsightsOptions> options,
    TimeProvider timeProvider,
    ILogger<InteractionWriter> logger) : BackgroundService
{
    /// <summary>Most interactions written in one transaction.</summary>
    public const int MaxBatch = 2_000;

    /// <summary>
    /// How long the writer lets interactions gather once one is queued. At saturation (~20,000 messages a second on
    /// 2 cores) that is a few thousand interactions, well within <see cref="InsightsOptions.QueueCapacity"/>.
    /// </summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How often the writer takes what is queued while it gathers. An interaction left queued for the whole window
    /// survived the young generation's collections (one every few tens of milliseconds under load) and was promoted:
    /// with meaning off that was ~8 MB more GC heap at the peak.
    /// </summary>
    public static readonly TimeSpan GatherInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>How often old rows are deleted.</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    /// <summary>How long shutdown waits for the queue to be written.</summary>
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The batch being gathered: the rows, and how many interactions they stand for.</summary>
    private readonly List<Interaction> _batch = new(MaxBatch);
    private int _gathered;

    /// <summary>Per batch: each distinct text's redaction, each conversation id's hash, each distinct message's row.</summary>
    private readonly Dictionary<string, string?> _redacted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<MessageInteraction, int> _repeats = new(MessageContent.Instance);

    private long _written;
    private long _failed;
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>Interactions written to the store.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Interactions lost because the store failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await PurgeIfDueAsync(stoppingToken).ConfigureAwait(false);
            using var idle = new CancellationTokenSource(PurgeInterval, timeProvider);
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, idle.Token);
            try
            {
                if (!await queue.Reader.WaitToReadAsync(waiting.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                continue; // idle for an hour (purge again) or shutting down (the loop ends)
            }

            try
            {
                var due = timeProvider.GetUtcNow() + BatchWindow;
                for (var left = BatchWindow; left > TimeSpan.Zero; left = due - timeProvider.GetUtcNow())
                {
                    await GatherAsync(stoppingToken).ConfigureAwait(false);
                    await Task.Delay(left < GatherInterval ? left : GatherInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break; // shutting down: what is gathered and queued is written below
            }

            await GatherAsync(stoppingToken).ConfigureAwait(false);
            await WriteBatchAsync(stoppingToken).ConfigureAwait(false);
        }

        // Shutting down: write what is still queued, for a few seconds at most.
        queue.Complete();
        using var flush = new CancellationTokenSource(FlushTimeout, timeProvider);
        await GatherAsync(flush.Token).ConfigureAwait(false);
        await WriteBatchAsync(flush.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Folds everything queued now into the batch, writing it whenever it reaches <see cref="MaxBatch"/> interactions.
    /// The same message sent again in one batch (same channel, conversation, reply and redacted text) becomes one row
    /// with its <see cref="MessageInteraction.Count"/>: at saturation the load repeats a few conversations thousands of
    /// times a second, and one row each cost a fifth of the service's CPU.
    /// </summary>
    private async Task GatherAsync(CancellationToken cancellationToken)
    {
        while (queue.Reader.TryRead(out var interaction))
        {
            _gathered++;
            var row = Redacted(interaction);
            if (row is MessageInteraction message)
            {
                ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_repeats, message, out var seen);
                if (seen)
                {
                    var first = (MessageInteraction)_batch[index];
                    _batch[index] = first with { Count = first.Count + message.Count };
                }
                else
                {
                    index = _batch.Count;
                    _batch.Add(row);
                }
            }
            else
            {
                _batch.Add(row);
            }

            if (_gathered >= MaxBatch)
            {
                await WriteBatchAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes the batch in one transaction (a failure is logged and counted) and starts a new one.</summary>
    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        if (_gathered == 0)
        {
            return;
        }

        try
        {
            await store.WriteAsync(_batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _written, _gathered);
        }
        catch (Exception e)
        {
            var failed = Interlocked.Add(ref _failed, _gathered);
            LogWriteFailed(e, _gathered, failed, store.Provider);
        }

        _batch.Clear();
        _redacted.Clear();
        _conversations.Clear();
        _repeats.Clear();
        _gathered = 0;
    }

    /// <summary>
    /// The interaction as stored: its conversation id hashed and its question redacted; an id or a text already seen in
    /// this batch is not hashed or redacted again.
    /// </summary>
    private Interaction Redacted(Interaction interaction)
    {
        if (interaction.Conversation is { } conversation)
        {
            ref var key = ref CollectionsMarshal.GetValueRefOrAddDefault(_conversations, conversation, out var hashed);
            if (!hashed)
            {
                key = ConversationKey(conversation);
            }

            interaction = interaction with { Conversation = key };
        }

        if (interaction is not MessageInteraction { Question: { } question } message)
        {
            return interaction;
        }

        if (!_redacted.TryGetValue(question, out var redacted))
        {
            var text = AskApi.Clipped(question);
            redacted = TextRedactor.RedactForLog(text.Trim(), engines.Engine.Index.Parser.IsKnownWord);
            _redacted.Add(question, redacted);
        }

        return message with { Question = redacted };
    }

    /// <summary>
    /// Links a pick to the message before it in the same conversation without storing the conversation id: the first
    /// 16 bytes of its SHA-256, in hex.
    /// </summary>
    internal static string ConversationKey(string conversationId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId)).AsSpan(0, 16));

    /// <summary>Two messages are the same row when everything but their time and count is equal.</summary>
    private sealed class MessageContent : IEqualityComparer<MessageInteraction>
    {
        public static readonly MessageContent Instance = new();

        public bool Equals(MessageInteraction? x, MessageInteraction? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null
                && x.Confidence.Equals(y.Confidence)
                && string.Equals(x.Conversation, y.Conversation, StringComparison.Ordinal)
                && string.Equals(x.Question, y.Question, StringComparison.Ordinal)
                && string.Equals(x.Kind, y.Kind, StringComparison.Ordinal)
                && string.Equals(x.Channel, y.Channel, StringComparison.Ordinal)
                && string.Equals(x.Candidates, y.Candidates, StringComparison.Ordinal));

        public int GetHashCode(MessageInteraction obj) =>
            HashCode.Combine(obj.Conversation, obj.Question, obj.Kind, obj.Confidence, obj.Channel, obj.Candidates);
    }

    private async Task PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + PurgeInterval;
        var retention = TimeSpan.FromDays(options.Value.RetentionDays);
        try
        {
            var deleted = await store.DeleteOlderThanAsync(now - retention, cancellationToken).ConfigureAwait(false);
            LogPurged(deleted, options.Value.RetentionDays);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the next start purges.
        }
        catch (Exception e)
        {
            LogPurgeFailed(e, store.Provider);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The editor's store ({Provider}) could not be written: {Count} interaction(s) dropped ({Failed} so far); replies are not affected")]
    private partial void LogWriteFailed(Exception exception, int count, long failed, InsightsProvider provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Old rows of the editor's store ({Provider}) could not be deleted; trying again in an hour")]
    private partial void LogPurgeFailed(Exception exception, InsightsProvider provider);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Deleted} row(s) older than {RetentionDays} days from the editor's store")]
    private partial void LogPurged(int deleted, int retentionDays);
}
