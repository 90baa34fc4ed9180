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
/// something is queued the writer waits <see cref="BatchWindow"/> before writing, so that a busy service commits a few
/// large transactions a second instead of one per message. A store that is down costs a warning and the batch
/// (counted in <see cref="Failed"/>), never a reply. Once an hour, and at start, rows older than
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
    /// 2 cores) that is a few thousand rows, well within <see cref="InsightsOptions.QueueCapacity"/>.
    /// </summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(200);

    /// <summary>How often old rows are deleted.</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    /// <summary>How long shutdown waits for the queue to be written.</summary>
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

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

        var batch = new List<Interaction>(MaxBatch);
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
                await Task.Delay(BatchWindow, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break; // shutting down: what is queued is written below
            }

            await WriteQueuedAsync(batch, stoppingToken).ConfigureAwait(false);
        }

        // Shutting down: write what is still queued, for a few seconds at most.
        queue.Complete();
        using var flush = new CancellationTokenSource(FlushTimeout, timeProvider);
        await WriteQueuedAsync(batch, flush.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes everything queued now, up to <see cref="MaxBatch"/> interactions a transaction. The same message sent
    /// again in one batch (same channel, conversation, reply and redacted text) becomes one row with its
    /// <see cref="MessageInteraction.Count"/>: at saturation the load repeats a few conversations thousands of times a
    /// second, and one row each cost a fifth of the service's CPU.
    /// </summary>
    private async Task WriteQueuedAsync(List<Interaction> batch, CancellationToken cancellationToken)
    {
        var redacted = new Dictionary<string, string?>(StringComparer.Ordinal);
        var conversations = new Dictionary<string, string>(StringComparer.Ordinal);
        var repeats = new Dictionary<MessageInteraction, int>(MessageContent.Instance);
        while (true)
        {
            batch.Clear();
            redacted.Clear();
            conversations.Clear();
            repeats.Clear();
            var read = 0;
            while (read < MaxBatch && queue.Reader.TryRead(out var interaction))
            {
                read++;
                var row = Redacted(interaction, redacted, conversations);
                if (row is MessageInteraction message)
                {
                    ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(repeats, message, out var seen);
                    if (seen)
                    {
                        var first = (MessageInteraction)batch[index];
                        batch[index] = first with { Count = first.Count + message.Count };
                        continue;
                    }

                    index = batch.Count;
                }

                batch.Add(row);
            }

            if (read == 0)
            {
                return;
            }

            try
            {
                await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _written, read);
            }
            catch (Exception e)
            {
                var failed = Interlocked.Add(ref _failed, read);
                LogWriteFailed(e, read, failed, store.Provider);
            }
        }
    }

    /// <summary>
    /// The interaction as stored: its conversation id hashed and its question redacted; an id or a text already seen in
    /// this batch is not hashed or redacted again.
    /// </summary>
    private Interaction Redacted(Interaction interaction, Dictionary<string, string?> seen, Dictionary<string, string> conversations)
    {
        if (interaction.Conversation is { } conversation)
        {
            ref var key = ref CollectionsMarshal.GetValueRefOrAddDefault(conversations, conversation, out var hashed);
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

        if (!seen.TryGetValue(question, out var redacted))
        {
            var text = question.Length > AskApi.MaxQuestionLength ? question[..AskApi.MaxQuestionLength] : question;
            redacted = TextRedactor.RedactForLog(text.Trim(), engines.Engine.Index.Parser.IsKnownWord);
            seen.Add(question, redacted);
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
