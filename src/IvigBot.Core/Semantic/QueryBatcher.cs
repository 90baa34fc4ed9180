using System.Runtime.ExceptionServices;

namespace IvigBot.Semantic;

/// <summary>
/// Encodes the texts of concurrent callers in shared batches: one model run for several texts costs much less than
/// one run each (the run streams the model's weights once, whatever the batch). A caller that finds a run slot free
/// runs at once, so a lone question waits for nothing; a caller arriving while every slot is busy queues, and when a
/// run ends, the first caller still queued takes everyone queued (up to the batch size) and runs them as one batch on
/// its own thread, which was waiting anyway. Each caller gets its own text's result; when a batch fails, its texts
/// are run again one by one, so that an exception reaches only the caller whose text caused it. Thread-safe.
/// </summary>
/// <remarks>
/// Callers of <see cref="Encode"/> block; they wait on a task, which the thread pool notices and compensates for with
/// more threads, slowly. Callers of <see cref="EncodeAsync"/> (the bot's turns) wait without a thread. A cancelled caller leaves the queue at once; one whose text is already in a
/// run waits for that run (tens of milliseconds), then throws.
/// </remarks>
internal sealed class QueryBatcher
{
    private readonly Func<string[], float[][]> _encode;
    private readonly Lock _gate = new();
    private readonly Queue<Request> _queued = new();
    private int _running;

    /// <param name="encode">Encodes a batch of texts, one vector per text in the order given.</param>
    /// <param name="maxBatch">The most texts in one run.</param>
    /// <param name="maxRuns">The most runs at once.</param>
    public QueryBatcher(Func<string[], float[][]> encode, int maxBatch, int maxRuns)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRuns, 1);
        _encode = encode;
        MaxBatch = maxBatch;
        MaxRuns = maxRuns;
    }

    /// <summary>The most texts in one run.</summary>
    public int MaxBatch { get; }

    /// <summary>The most runs at once.</summary>
    public int MaxRuns { get; }

    /// <summary>How many callers are queued for the next run (cancelled ones until a run takes the queue).</summary>
    internal int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>The vector of <paramref name="text"/>, encoded alone or in a batch with other callers' texts.</summary>
    public float[] Encode(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var request = new Request(text);
        var batch = Enter(request) ?? Wait(request, cancellationToken);
        if (batch is not null)
        {
            Run(batch);
        }

        return Result(request, cancellationToken);
    }

    /// <summary>
    /// As <see cref="Encode"/>, but a caller that has to queue waits without holding its thread: when its turn comes,
    /// the batch it is handed runs on the thread that continues it. A caller that finds a run slot free runs at once,
    /// on its own thread, as with <see cref="Encode"/>.
    /// </summary>
    public async ValueTask<float[]> EncodeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var request = new Request(text);
        var batch = Enter(request);
        if (batch is null)
        {
            try
            {
                batch = await request.Turn.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (Leave(request))
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                // Already in a batch: its run may be this caller's to do.
                batch = await request.Turn.Task.ConfigureAwait(false);
            }
        }

        if (batch is not null)
        {
            Run(batch);
        }

        return Result(request, cancellationToken);
    }

    /// <summary>Takes a free run slot (the batch of this request alone), or queues the request (null).</summary>
    private List<Request>? Enter(Request request)
    {
        lock (_gate)
        {
            if (_running < MaxRuns)
            {
                _running++;
                return [request];
            }

            _queued.Enqueue(request);
            return null;
        }
    }

    /// <summary>Whether a cancelled caller's request left the queue (true), or is already in a batch and must be waited for.</summary>
    private bool Leave(Request request)
    {
        lock (_gate)
        {
            if (request.Taken)
            {
                return false;
            }

            request.Cancelled = true; // left in the queue, skipped when taken
            return true;
        }
    }

    private static float[] Result(Request request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Error is not null)
        {
            ExceptionDispatchInfo.Throw(request.Error);
        }

        return request.Vector!;
    }

    /// <summary>Waits until the request's vector is ready (null) or it is handed a batch to run.</summary>
    private List<Request>? Wait(Request request, CancellationToken cancellationToken)
    {
        try
        {
            return request.Turn.Task.Wait(Timeout.Infinite, cancellationToken) ? request.Turn.Task.Result : null;
        }
        catch (OperationCanceledException) when (Leave(request))
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Already in a batch: its run may be this caller's to do.
            return request.Turn.Task.Result;
        }
    }

    private void Run(List<Request> batch)
    {
        try
        {
            var vectors = _encode([.. batch.Select(r => r.Text)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Vector = vectors[i];
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var request in batch)
            {
                RunAlone(request);
            }
        }
        catch (Exception error)
        {
            batch[0].Error = error;
        }
        finally
        {
            HandOver();
        }

        foreach (var request in batch)
        {
            request.Turn.TrySetResult(null);
        }
    }

    private void RunAlone(Request request)
    {
        try
        {
            request.Vector = _encode([request.Text])[0];
        }
        catch (Exception error)
        {
            request.Error = error;
        }
    }

    /// <summary>Gives the next batch, if anyone is queued, to the first of its callers; otherwise frees the run slot.</summary>
    private void HandOver()
    {
        List<Request>? next = null;
        lock (_gate)
        {
            while (_queued.Count > 0 && (next?.Count ?? 0) < MaxBatch)
            {
                var request = _queued.Dequeue();
                if (!request.Cancelled)
                {
                    request.Taken = true;
                    (next ??= []).Add(request);
                }
            }

            if (next is null)
            {
                _running--;
            }
        }

        next?[0].Turn.TrySetResult(next);
    }

    private sealed class Request(string text)
    {
        public string Text { get; } = text;

        /// <summary>Completed with null when <see cref="Vector"/> or <see cref="Error"/> is set, or with the batch this request's caller must run.</summary>
        public TaskCompletionSource<List<Request>?> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public float[]? Vector { get; set; }

        public Exception? Error { get; set; }

        /// <summary>In a batch (under the gate): no longer cancellable.</summary>
        public bool Taken { get; set; }

        /// <summary>Its caller stopped waiting while it was queued (under the gate).</summary>
        public bool Cancelled { get; set; }
    }
}
