using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IvigBot.Answering;
using IvigBot.Search;

namespace IvigBot.Benchmarks;

/// <summary>In-process, short runs: minutes for the whole suite, not hours.</summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>For work that takes seconds (index builds): one warm-up and three measured runs, each once.</summary>
public sealed class BuildConfig : ManualConfig
{
    public BuildConfig()
    {
        AddJob(Job.Dry.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(InProcessEmitToolchain.Instance).WithId("Monitoring-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>
/// The answer pipeline with no answer cache: analysis (tokenizer, spelling, synonyms, stop words), retrieval
/// (Lucene BM25 and fusion), confidence and ranking, and the reply's composition. Each call answers the next
/// question of the corpus's question set, so the mean is over the whole set.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class PipelineBenchmarks
{
    private AnswerEngine _engine = null!;
    private IReadOnlyList<string> _questions = [];
    private int _next;

    [Params(Corpora.Shipped, Corpora.MedQuad, Corpora.Passages100k)]
    public string Corpus { get; set; } = Corpora.Shipped;

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Corpora.Get(Corpus);
        _questions = corpus.Questions;
        _engine = new AnswerEngine(FaqIndexBuilder.Build(corpus.Documents, corpus.Synonyms), corpus.TriageRules, Engines.Uncached(corpus.Name));
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Description = "Answer one question")]
    public AnswerResult Answer()
    {
        var question = _questions[_next];
        _next = (_next + 1) % _questions.Count;
        return _engine.Answer(question);
    }
}

/// <summary>Index build time (Lucene index in memory, vocabulary, idf, per-document stems) per corpus size.</summary>
[Config(typeof(BuildConfig))]
public class IndexBuildBenchmarks
{
    private Corpus _corpus = null!;

    [Params(Corpora.Shipped, Corpora.MedQuad, Corpora.Passages100k)]
    public string Corpus { get; set; } = Corpora.Shipped;

    [GlobalSetup]
    public void Setup() => _corpus = Corpora.Get(Corpus);

    [Benchmark(Description = "Build the index")]
    public int Build()
    {
        using var index = FaqIndexBuilder.Build(_corpus.Documents, _corpus.Synonyms);
        return index.Documents.Count;
    }
}

/// <summary>Answering options for benchmarks.</summary>
public static class Engines
{
    /// <summary>
    /// The shipped thresholds, with the answer cache off: every question runs the whole pipeline. Meaning
    /// (<see cref="AnsweringOptions.Semantic"/>) is read for the shipped FAQ only: encoding the 16,407 MedQuAD answers or
    /// the 100k passages would take hours on this machine, so those corpora measure the lexical pipeline. With
    /// <c>Answering__Semantic=false</c> in the environment, as for the service, the shipped FAQ is measured lexical too.
    /// </summary>
    public static AnsweringOptions Uncached(string corpus) => new()
    {
        CacheSize = 0,
        Semantic = corpus == Corpora.Shipped
            && !string.Equals(Environment.GetEnvironmentVariable("Answering__Semantic"), "false", StringComparison.OrdinalIgnoreCase),
    };
}
