using System.Collections.Concurrent;
using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Semantic;

/// <summary>
/// The batching of concurrent callers' queries: with a recording encoder (whose "vector" names its text) for the
/// bookkeeping, and with the model for the vectors themselves.
/// </summary>
public class QueryBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_lone_caller_runs_at_once_on_its_own_thread()
    {
        var encoder = new RecordingEncoder();
        var batcher = new QueryBatcher(encoder.Encode, maxBatch: 16, maxRuns: 1);

        var vector = batcher.Encode("what is IVIG");

        Assert.Equal(RecordingEncoder.VectorOf("what is IVIG"), vector);
        var run = Assert.Single(encoder.Runs);
        Assert.Equal(["what is IVIG"], run.Texts);
        Assert.Equal(Environment.CurrentManagedThreadId, run.Thread);
    }

    [Fact]
    public async Task Callers_arriving_during_a_run_share_the_next_runs_each_getting_its_own_vector()
    {
        var (encoder, batcher, first) = FirstRunHeld(new RecordingEncoder { Hold = new ManualResetEventSlim() });
        var texts = Enumerable.Range(0, 20).Select(i => $"question {i}").ToArray();
        var callers = texts.Select(t => Task.Run(() => batcher.Encode(t))).ToArray();
        Assert.True(SpinWait.SpinUntil(() => batcher.Queued == texts.Length, Patience));

        encoder.Hold!.Set();

        Assert.Equal(RecordingEncoder.VectorOf("first"), await first);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(RecordingEncoder.VectorOf(texts[i]), await callers[i]);
        }

        Assert.Equal([1, 8, 8, 4], encoder.Runs.Select(r => r.Texts.Length));
        Assert.Equal(texts.Order(), encoder.Runs.Skip(1).SelectMany(r => r.Texts).Order());
    }

    [Fact]
    public async Task A_text_that_fails_fails_only_its_own_caller()
    {
        var (encoder, batcher, first) = FirstRunHeld(new RecordingEncoder { Hold = new ManualResetEventSlim(), Failing = "poison" });
        var good = Task.Run(() => batcher.Encode("good"));
        var poison = Task.Run(() => batcher.Encode("poison"));
        Assert.True(SpinWait.SpinUntil(() => batcher.Queued == 2, Patience));

        encoder.Hold!.Set();

        Assert.Equal(RecordingEncoder.VectorOf("good"), await good);
        await Assert.ThrowsAsync<InvalidOperationException>(() => poison);
        Assert.Equal(RecordingEncoder.VectorOf("first"), await first);
        Assert.Equal(RecordingEncoder.VectorOf("after"), batcher.Encode("after"));
    }

    [Fact]
    public async Task A_cancelled_caller_stops_waiting_and_its_text_is_not_run()
    {
        var (encoder, batcher, first) = FirstRunHeld(new RecordingEncoder { Hold = new ManualResetEventSlim() });
        using var cancellation = new CancellationTokenSource();
        var cancelled = Task.Run(() => batcher.Encode("cancelled", cancellation.Token));
        var kept = Task.Run(() => batcher.Encode("kept"));
        Assert.True(SpinWait.SpinUntil(() => batcher.Queued == 2, Patience));

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        encoder.Hold!.Set();
        Assert.Equal(RecordingEncoder.VectorOf("kept"), await kept);
        Assert.Equal(RecordingEncoder.VectorOf("first"), await first);
        Assert.DoesNotContain("cancelled", encoder.Runs.SelectMany(r => r.Texts));
    }

    [Fact]
    public void Many_parallel_queries_get_the_vectors_they_would_get_alone()
    {
        var embedder = SentenceEmbedder.Shared;
        var messages = new[]
        {
            "IVIG", "how long does an infusion take", "can I drive home after my infusion or should someone pick me up",
            "my head hurts", "does my health insurance pay for the treatment", "what are the side effects of immunoglobulin for someone with CIDP",
            "is it safe in pregnancy", "I missed a dose, what now",
        };
        var alone = messages.ToDictionary(m => m, m => embedder.EmbedDocuments([SentenceEmbedder.QueryPrefix + m])[0]);
        var batchSizes = new ConcurrentBag<int>();
        var batcher = new QueryBatcher(texts => { batchSizes.Add(texts.Length); return embedder.EmbedDocuments(texts); }, maxBatch: 16, maxRuns: 1);

        var results = new ConcurrentBag<(string Message, float[] Vector, float[] Shipped)>();
        using var start = new Barrier(12);
        var callers = Enumerable.Range(0, 12).Select(k => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = k; i < 96; i += 12)
            {
                var message = messages[i % messages.Length];
                results.Add((message, batcher.Encode(SentenceEmbedder.QueryPrefix + message), embedder.EmbedQuery(message)));
            }
        })).ToList();
        callers.ForEach(t => t.Start());
        callers.ForEach(t => t.Join());

        Assert.Equal(96, results.Count);
        Assert.Contains(batchSizes, size => size > 1);
        foreach (var (message, vector, shipped) in results)
        {
            AssertClose(alone[message], vector);
            AssertClose(alone[message], shipped);
        }
    }

    /// <summary>A batcher (batches of up to 8, one run at a time) whose first run, of "first", is under way and held by <paramref name="encoder"/>.</summary>
    [Fact]
    public async Task Callers_that_wait_asynchronously_share_the_next_runs_and_hold_no_thread_while_queued()
    {
        var (encoder, batcher, first) = FirstRunHeld(new RecordingEncoder { Hold = new ManualResetEventSlim() });
        var texts = Enumerable.Range(0, 12).Select(i => $"question {i}").ToArray();
        var callers = texts.Select(t => batcher.EncodeAsync(t).AsTask()).ToArray();

        Assert.Equal(texts.Length, batcher.Queued); // queued at once: no caller's thread is waiting
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        encoder.Hold!.Set();

        Assert.Equal(RecordingEncoder.VectorOf("first"), await first);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(RecordingEncoder.VectorOf(texts[i]), await callers[i].WaitAsync(Patience));
        }

        Assert.Equal([1, 8, 4], encoder.Runs.Select(r => r.Texts.Length));
    }

    [Fact]
    public async Task A_cancelled_asynchronous_caller_stops_waiting_and_its_text_is_not_run()
    {
        var (encoder, batcher, first) = FirstRunHeld(new RecordingEncoder { Hold = new ManualResetEventSlim() });
        using var cancellation = new CancellationTokenSource();
        var cancelled = batcher.EncodeAsync("cancelled", cancellation.Token).AsTask();
        var kept = batcher.EncodeAsync("kept").AsTask();

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        encoder.Hold!.Set();
        Assert.Equal(RecordingEncoder.VectorOf("kept"), await kept.WaitAsync(Patience));
        Assert.Equal(RecordingEncoder.VectorOf("first"), await first);
        Assert.DoesNotContain("cancelled", encoder.Runs.SelectMany(r => r.Texts));
    }

    private static (RecordingEncoder Encoder, QueryBatcher Batcher, Task<float[]> First) FirstRunHeld(RecordingEncoder encoder)
    {
        var batcher = new QueryBatcher(encoder.Encode, maxBatch: 8, maxRuns: 1);
        var first = Task.Run(() => batcher.Encode("first"));
        Assert.True(SpinWait.SpinUntil(() => encoder.Runs.Count == 1, Patience));
        return (encoder, batcher, first);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var largest = expected.Zip(actual, (e, a) => MathF.Abs(e - a)).Max();
        Assert.True(largest < 1e-4f, $"a component differs by {largest}");
    }

    /// <summary>An encoder whose vector of a text is its characters, recording each run; it can hold the first run, and fail on one text.</summary>
    private sealed class RecordingEncoder
    {
        public ConcurrentQueue<(string[] Texts, int Thread)> Runs { get; } = new();

        public ManualResetEventSlim? Hold { get; init; }

        public string? Failing { get; init; }

        public static float[] VectorOf(string text) => [.. text.Select(ch => (float)ch)];

        public float[][] Encode(string[] texts)
        {
            Runs.Enqueue((texts, Environment.CurrentManagedThreadId));
            if (Runs.Count == 1)
            {
                Hold?.Wait(Patience);
            }

            return Failing is not null && texts.Contains(Failing)
                ? throw new InvalidOperationException("this text cannot be encoded")
                : [.. texts.Select(VectorOf)];
        }
    }
}
