using System.Text.RegularExpressions;
using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Evaluation;

namespace IvigBot.Benchmarks;

/// <summary>A corpus to benchmark: its documents, synonyms, triage rules and the questions asked of it.</summary>
public sealed record Corpus(string Name, IReadOnlyList<FaqDocument> Documents, SynonymMap Synonyms, IReadOnlyList<Answering.TriageRule> TriageRules, IReadOnlyList<string> Questions);

/// <summary>
/// The three corpus sizes: the shipped FAQ (<c>faq/</c>), the answered MedQuAD pairs and a deterministic
/// 100k-passage corpus made from them. Read from the repository and <c>../shared</c>; nothing is written.
/// </summary>
public static partial class Corpora
{
    public const string Shipped = "shipped";
    public const string MedQuad = "medquad";
    public const string Passages100k = "100k";

    public const int PassageCount = 100_000;

    /// <summary>Fixed seed: the 100k corpus is the same on every run.</summary>
    public const int Seed = 20261121;

    public static readonly string[] All = [Shipped, MedQuad, Passages100k];

    private static readonly Dictionary<string, Corpus> Loaded = [];

    public static Corpus Get(string name)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var corpus))
            {
                corpus = name switch
                {
                    Shipped => LoadShipped(),
                    MedQuad => LoadMedQuad(),
                    Passages100k => MakePassages(),
                    _ => throw new ArgumentException($"unknown corpus {name}", nameof(name)),
                };
                Loaded[name] = corpus;
            }

            return corpus;
        }
    }

    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The shared data folder: <c>IVIGBOT_SHARED</c>, or <c>../shared</c> next to the repository.</summary>
    public static string Shared => Environment.GetEnvironmentVariable("IVIGBOT_SHARED") is { Length: > 0 } shared
        ? shared
        : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string MedQuadFolder => Path.Combine(Shared, "eval", "external", "medquad-liveqa");

    /// <summary>The team's questions in patients' words (tests/eval/questions.jsonl).</summary>
    public static IReadOnlyList<string> TeamQuestions() =>
        JsonLines.Read(Path.Combine(RepoRoot, "tests", "eval", "questions.jsonl"), IvigJsonContext.Default.EvalQuestion).Select(q => q.Question).ToList();

    /// <summary>LiveQA-Med's consumer questions as sent (subject + message): long, noisy, real.</summary>
    public static IReadOnlyList<string> LiveQaQuestions() =>
        BenchmarkBank.LoadQueries(Path.Combine(MedQuadFolder, "queries.jsonl")).Select(q => q.Text).ToList();

    private static Corpus LoadShipped()
    {
        var content = FaqContentLoader.Load(Path.Combine(RepoRoot, "faq"));
        return new Corpus(Shipped, content.Documents, content.Synonyms, content.TriageRules, TeamQuestions());
    }

    private static List<FaqDocument> MedQuadDocuments() =>
        BenchmarkBank.LoadEntries([Path.Combine(MedQuadFolder, "medquad_corpus.jsonl.gz")]);

    private static Corpus LoadMedQuad()
    {
        var shipped = Get(Shipped);
        return new Corpus(MedQuad, MedQuadDocuments(), SynonymMap.Empty, shipped.TriageRules, [.. LiveQaQuestions(), .. TeamQuestions()]);
    }

    /// <summary>
    /// 100,000 article passages: each takes one to four consecutive sentences of a MedQuAD answer (document and
    /// start drawn with <see cref="Seed"/>), titled with the answer's focus and question, as an article section would be.
    /// </summary>
    private static Corpus MakePassages()
    {
        var source = Get(MedQuad).Documents;
        var sentences = source.Select(d => SentencePattern().Matches(d.Answer).Select(m => m.Value.Trim()).Where(s => s.Length > 0).ToArray()).ToArray();
        var random = new Random(Seed);
        var passages = new List<FaqDocument>(PassageCount);
        for (var i = 0; i < PassageCount; i++)
        {
            var d = random.Next(source.Count);
            var parts = sentences[d];
            if (parts.Length == 0)
            {
                i--;
                continue;
            }

            var take = Math.Min(parts.Length, 1 + random.Next(4));
            var start = random.Next(parts.Length - take + 1);
            passages.Add(new FaqDocument
            {
                Id = $"passage-{i}",
                Kind = FaqDocumentKind.Passage,
                Question = $"{source[d].Topic}: {source[d].Question}",
                Answer = string.Join(' ', parts.Skip(start).Take(take)),
                Source = "MedQuAD (recombined)",
                Topic = source[d].Topic,
                Location = new SourceLocation("generated", i + 1),
            });
        }

        var shipped = Get(Shipped);
        return new Corpus(Passages100k, passages, SynonymMap.Empty, shipped.TriageRules, Get(MedQuad).Questions);
    }

    [GeneratedRegex(@"[^.!?]+[.!?]*")]
    private static partial Regex SentencePattern();

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IvigBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the IvigBot repository (no IvigBot.sln found above the current folder).");
    }
}
