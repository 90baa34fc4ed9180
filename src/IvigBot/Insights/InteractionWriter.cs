using IvigBot.Apis;
using IvigBot.Hosting;
using IvigBot.Privacy;
using Microsoft.Extensions.Options;

namespace IvigBot.Insights;

/// <summary>
/// Writes what <see cref="QueuedInteractionRecorder"/> holds to the <see cref="InteractionStore"/>, in batches, in the
/// background: each message is redacted here (<see cref="TextRedactor.RedactForLog"/>), never in the turn. A store
/// that is down costs a warning and the batch (counted in <see cref="Failed"/>), never a reply. Once an hour, and at
/// start, rows older than <c>Insights:RetentionDays</c> are deleted. At shutdown what is queued is written first.
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
    public const int MaxBatch = 500;

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

            await WriteQueuedAsync(batch, stoppingToken).ConfigureAwait(false);
        }

        // Shutting down: write what is still queued, for a few seconds at most.
        queue.Complete();
        using var flush = new CancellationTokenSource(FlushTimeout, timeProvider);
        await WriteQueuedAsync(batch, flush.Token).ConfigureAwait(false);
    }

    /// <summary>Writes everything queued now, a batch at a time.</summary>
    private async Task WriteQueuedAsync(List<Interaction> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var interaction))
            {
                batch.Add(Redacted(interaction));
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _written, batch.Count);
            }
            catch (Exception e)
            {
                var failed = Interlocked.Add(ref _failed, batch.Count);
                LogWriteFailed(e, batch.Count, failed, store.Provider);
            }
        }
    }

    private Interaction Redacted(Interaction interaction)
    {
        if (interaction is not MessageInteraction { Question: { } question } message)
        {
            return interaction;
        }

        var text = question.Length > AskApi.MaxQuestionLength ? question[..AskApi.MaxQuestionLength] : question;
        return message with { Question = TextRedactor.RedactForLog(text.Trim(), engines.Engine.Index.Parser.IsKnownWord) };
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
