using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IvigBot.Answering;
using IvigBot.Cli;
using IvigBot.Content;
using IvigBot.Tests.Infrastructure;

namespace IvigBot.Tests.Cli;

/// <summary>
/// The verbs, run in-process with captured output. The CLI reads appsettings.json from the current folder (none in the
/// test output, so the documented defaults apply) and finds the repository's faq/ by walking up from the binary.
/// </summary>
public partial class IvigBotCliTests
{
    private static readonly string DoctorNote = new AnsweringOptions().DoctorNote;

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await IvigBotCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Ask_prints_the_answer_with_source_and_doctor_note()
    {
        var (exit, output, error) = await Run("ask", "what is IVIG flu");

        Assert.True(exit == 0, error);
        Assert.Contains("IVIG flu", output, StringComparison.Ordinal);
        Assert.Contains("Source:", output, StringComparison.Ordinal);
        Assert.Contains(DoctorNote, output, StringComparison.Ordinal);
        Assert.Contains("[--id ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_joins_unquoted_words_into_one_question()
    {
        var (exit, output, _) = await Run("ask", "--json", "what", "is", "IVIG", "flu");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("ivig-flu", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Ask_json_prints_the_answer_result()
    {
        var (exit, output, error) = await Run("ask", "--json", "what is IVIG flu");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("answer", root.GetProperty("kind").GetString());
        Assert.Equal("ivig-flu", root.GetProperty("id").GetString());
        Assert.EndsWith(DoctorNote, root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("source").GetString()));
        Assert.InRange(root.GetProperty("confidence").GetDouble(), 0, 1);
        var suggestions = root.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s =>
        {
            Assert.False(string.IsNullOrEmpty(s.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(s.GetProperty("question").GetString()));
        });
    }

    [Theory]
    [InlineData("i cant breathe", "emergency")]
    [InlineData("should i stop my ivig", "advice")]
    [InlineData("best pizza near me", "fallback")]
    [InlineData("hi", "smalltalk")]
    public async Task Ask_json_names_the_kind(string question, string kind)
    {
        var (_, output, _) = await Run("ask", "--json", question);

        using var json = JsonDocument.Parse(output);
        Assert.Equal(kind, json.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Ask_by_id_answers_that_entry()
    {
        var (exit, output, error) = await Run("ask", "--json", "--id", "ivig-flu");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("ivig-flu", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("confidence").GetDouble());
    }

    [Fact]
    public async Task Ask_by_id_prints_text_too()
    {
        var (exit, output, _) = await Run("ask", "--id", "ivig-flu");

        Assert.Equal(0, exit);
        Assert.Contains("Source:", output, StringComparison.Ordinal);
        Assert.Contains(DoctorNote, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_by_unknown_id_fails_and_says_why()
    {
        var (exit, _, error) = await Run("ask", "--id", "no-such-entry");

        Assert.NotEqual(0, exit);
        Assert.Contains("no-such-entry", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_without_a_question_explains_usage()
    {
        var (exit, _, error) = await Run("ask");

        Assert.NotEqual(0, exit);
        Assert.Contains("ask \"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_lists_the_entries_a_wording_finds_best_first_with_the_words_each_matched_adding_up_to_its_score()
    {
        var (exit, output, error) = await Run("search", "--top", "3", "can I drive home after");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Searched: drive, home, after", lines[0]);
        var results = lines.Skip(1).Chunk(2).ToList();
        Assert.Equal(3, results.Count);
        var scores = new List<double>();
        foreach (var (rank, result) in results.Index())
        {
            // " 1.  12.081  entry    home-infusion  Can I have IVIG at home?" then "matched: home (question 6.110, answer 1.476); can (question 2.616)"
            var heading = result[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"{rank + 1}.", heading[0]);
            var score = double.Parse(heading[1], CultureInfo.InvariantCulture);
            Assert.Equal("entry", heading[2]);
            Assert.Contains(heading[3], FaqIds);
            Assert.StartsWith("matched: ", result[1], StringComparison.Ordinal);
            var parts = MatchScore().Matches(result[1]).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.NotEmpty(parts);
            Assert.Equal(score, parts.Sum(), 2);
            scores.Add(score);
        }

        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Contains(results, r => r[1].Contains("drive (question", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_without_a_wording_explains_usage()
    {
        var (exit, _, error) = await Run("search");

        Assert.Equal(2, exit);
        Assert.Contains("search \"can I drive home after\"", error, StringComparison.Ordinal);
    }

    /// <summary>One field's share of a match, e.g. "question 6.110".</summary>
    [GeneratedRegex(@"(?:question|answer|title|text) (\d+\.\d+)")]
    private static partial Regex MatchScore();

    private static readonly HashSet<string> FaqIds = [.. FaqContentLoader.Load(RepoPaths.Faq).Documents.Select(d => d.Id)];

    [Fact]
    public async Task Check_on_the_shipped_faq_finds_no_problems()
    {
        var (exit, output, error) = await Run("check");

        Assert.True(exit == 0, output + error);
        Assert.Contains("no problems found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_on_a_broken_copy_names_the_file_and_line()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ivigbot-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyFolder(RepoPaths.Faq, folder);
            File.WriteAllText(Path.Combine(folder, "entries", "zz-broken.md"),
                "# Broken\n\n## A question without an id?\nsource: S\nreviewed: 2026-11-21\nalso asked as:\n- a\n- b\n- c\n\nAn answer.\n");

            var (exit, output, error) = await Run("check", "--faq", folder);

            Assert.Equal(1, exit);
            var all = output + error;
            Assert.Contains(Path.Combine(folder, "entries/zz-broken.md") + ":3:", all, StringComparison.Ordinal);
            Assert.Contains("1 problem", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Eval_prints_top1_mrr_and_one_line_per_kind_and_writes_the_signals_to_refit_the_confidence_and_the_order()
    {
        var features = Path.Combine(Path.GetTempPath(), "ivigbot-features-" + Guid.NewGuid().ToString("N") + ".tsv");
        var candidates = Path.Combine(Path.GetTempPath(), "ivigbot-candidates-" + Guid.NewGuid().ToString("N") + ".tsv");
        try
        {
            var (exit, output, error) = await Run("eval", RepoPaths.EvalQuestions, "--features", features, "--candidates", candidates);

            Assert.True(output.Length > 0, error);
            Assert.Contains("answer top-1", output, StringComparison.Ordinal);
            Assert.Contains("MRR@5", output, StringComparison.Ordinal);
            foreach (var kind in new[] { "answer", "fallback", "emergency", "advice", "smalltalk" })
            {
                Assert.Matches($@"(?m)^\s+{kind}\s+\d+ questions\s+accuracy \d\.\d{{3}}", output);
            }

            // The exit code tells scripts whether the targets are met, and agrees with what is printed.
            Assert.Equal(output.Contains("TARGETS NOT MET", StringComparison.Ordinal) ? 1 : 0, exit);

            // One row per question decided by confidence, as tests/eval/fit-confidence.py reads them.
            var rows = File.ReadAllLines(features);
            Assert.StartsWith("kind\texpected_id\tfirst_id\tfirst_is_expected\tgot\tlexical\tquestion_cosine\tunknown_share\ttopicality\tquestion", rows[0], StringComparison.Ordinal);
            Assert.Contains(rows, row => row.StartsWith("answer\twhat-is-ivig\twhat-is-ivig\t1\tanswer\t", StringComparison.Ordinal));
            Assert.All(rows, row => Assert.Equal(10, row.Split('\t').Length));

            // With meaning on, every document of each of those questions, marked in the engine's pool or not, as
            // tests/eval/fit-ranking.py reads them; the pool's first candidate is the first candidate above.
            var candidateRows = File.ReadAllLines(candidates);
            var header = candidateRows[0].Split('\t');
            Assert.Equal(["question_no", "kind", "expected_id", "candidate_id", "is_expected", "in_pool"], header[..6]);
            var perQuestion = candidateRows.Skip(1).Select(row => row.Split('\t')).GroupBy(cells => cells[0]).ToList();
            Assert.Equal(rows.Length - 1, perQuestion.Count);
            var documents = perQuestion[0].Count();
            Assert.True(documents > 50, $"{documents} rows for a question: every document of the shipped FAQ expected");
            Assert.All(perQuestion, q => Assert.Equal(documents, q.Count()));
            Assert.All(perQuestion, q => Assert.Contains(q, cells => cells[5] == "0"));
            Assert.Equal(rows.Skip(1).Select(row => row.Split('\t')[2]), perQuestion.Select(q => q.First(cells => cells[5] == "1")[3]));
        }
        finally
        {
            File.Delete(features);
            File.Delete(candidates);
        }
    }

    [Fact]
    public async Task Eval_headlines_only_prints_the_benchmark_figures_and_writes_the_candidates_of_the_headline_bank()
    {
        var questions = Path.Combine(Path.GetTempPath(), "ivigbot-headlines-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var candidates = Path.ChangeExtension(questions, ".tsv");
        File.WriteAllText(questions, "{\"question\": \"what is ivig made from\", \"kind\": \"answer\", \"id\": \"made-from\"}\n"
            + "{\"question\": \"how long does a drip take\", \"kind\": \"answer\", \"id\": \"infusion-length\"}\n"
            + "{\"question\": \"I can't breathe\", \"kind\": \"emergency\"}\n");
        try
        {
            var (exit, output, error) = await Run("eval", questions, "--headlines-only", "--candidates", candidates);

            Assert.True(exit == 0, output + error);
            var entries = int.Parse(Regex.Match(output, @"^2 queries, (\d+) FAQ entries: P@1 ").Groups[1].Value, CultureInfo.InvariantCulture);
            // Every headline entry (no article passages) for each answer question, as tests/eval/fit-ranking.py reads them.
            var rows = File.ReadAllLines(candidates);
            Assert.Equal("document_closeness", rows[0].Split('\t')[^1]);
            var perQuestion = rows.Skip(1).Select(row => row.Split('\t')).GroupBy(cells => cells[0]).ToList();
            Assert.Equal(2, perQuestion.Count);
            Assert.All(perQuestion, q => Assert.Equal(entries, q.Count()));
            Assert.All(perQuestion, q => Assert.DoesNotContain(q, cells => cells[3].Contains('#', StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(questions);
            File.Delete(candidates);
        }
    }

    [Fact]
    public async Task Eval_headlines_only_with_overlapping_answers_ranks_the_same_entries_and_needs_headlines_only()
    {
        var questions = Path.Combine(Path.GetTempPath(), "ivigbot-proxy-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(questions, "{\"question\": \"what is ivig made from\", \"kind\": \"answer\", \"id\": \"made-from\"}\n");
        try
        {
            var (own, ownOutput, ownError) = await Run("eval", questions, "--headlines-only");
            var (overlapping, output, error) = await Run("eval", questions, "--headlines-only", "--bank-answers", "overlapping");
            var (misused, _, misuse) = await Run("eval", questions, "--bank-answers", "shared");

            Assert.True(own == 0, ownOutput + ownError);
            Assert.True(overlapping == 0, output + error);
            static string Entries(string text) => Regex.Match(text, @"^1 queries, (\d+) FAQ entries: P@1 ").Groups[1].Value;
            Assert.Equal(Entries(ownOutput), Entries(output));
            Assert.Equal(2, misused);
            Assert.Contains("--bank-answers needs --headlines-only", misuse, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(questions);
        }
    }

    [Fact]
    public async Task Eval_on_two_banks_with_graded_judgements_prints_the_mean_first_grade()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ivigbot-bank-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var bank = Path.Combine(folder, "bank.jsonl");
            var pool = Path.Combine(folder, "pool.jsonl");
            var queries = Path.Combine(folder, "queries.jsonl");
            var qrels = Path.Combine(folder, "qrels.tsv");
            File.WriteAllText(bank, "{\"doc_id\": \"d1\", \"question\": \"What is gout?\", \"answer\": \"Gout is a kind of arthritis.\"}\n{\"doc_id\": \"d2\", \"question\": \"What causes anemia?\", \"answer\": \"Old text.\"}\n");
            File.WriteAllText(pool, "{\"answer_id\": \"d2\", \"question\": \"What causes anemia?\", \"answer\": \"Low iron causes anemia.\"}\n");
            File.WriteAllText(queries, "{\"query_id\": \"TQ1\", \"subject\": \"gout\", \"message\": \"what is gout and how is it treated\"}\n{\"query_id\": \"TQ2\", \"subject\": \"anemia\", \"message\": \"why do people get anemia\"}\n");
            File.WriteAllText(qrels, "query_id\tanswer_id\tgrade\nTQ1\td1\t3\nTQ2\td2\t1\n");

            var (exit, output, error) = await Run("eval", queries, "--faq-bank", bank, "--faq-bank", pool, "--qrels", qrels, "--relevant-grade", "2");

            Assert.True(exit == 0, error);
            Assert.Contains("2 queries, 2 FAQ entries (relevant: grade >= 2): P@1 0.500", output, StringComparison.Ordinal);
            Assert.Contains("mean top-1 grade 2.000", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Eval_fails_when_one_kind_misses_its_target_even_if_the_answers_are_right()
    {
        // Every answer is right, but the one small-talk line is a medical question the bot answers: small talk 0 of 1.
        var file = Path.Combine(Path.GetTempPath(), "ivigbot-kinds-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(file,
            "{\"question\": \"what is ivig\", \"kind\": \"answer\", \"id\": \"what-is-ivig\"}\n"
            + "{\"question\": \"what is ivig made from\", \"kind\": \"smalltalk\"}\n");
        try
        {
            var (exit, output, error) = await Run("eval", file);

            Assert.True(output.Length > 0, error);
            Assert.Contains("answer top-1 1.000 (target 0.95)", output, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^\s+smalltalk\s+1 questions\s+accuracy 0\.000 \(target 0\.95\)", output);
            Assert.Contains("TARGETS NOT MET", output, StringComparison.Ordinal);
            Assert.Equal(1, exit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Eval_of_a_missing_file_says_so_without_a_stack_trace()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ivigbot-no-such-" + Guid.NewGuid().ToString("N") + ".jsonl");

        var (exit, _, error) = await Run("eval", missing);

        Assert.NotEqual(0, exit);
        Assert.Contains(Path.GetFileName(missing), error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_of_a_malformed_file_names_the_line_without_a_stack_trace()
    {
        var file = Path.Combine(Path.GetTempPath(), "ivigbot-bad-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(file, "{\"question\": \"what is ivig\", \"kind\": \"answer\", \"id\": \"what-is-ivig\"}\n{broken\n");
        try
        {
            var (exit, _, error) = await Run("eval", file);

            Assert.NotEqual(0, exit);
            Assert.Contains(Path.GetFileName(file) + ":2", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Check_on_a_missing_folder_fails_and_says_so()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ivigbot-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var (exit, output, error) = await Run("check", "--faq", missing);

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", output + error, StringComparison.Ordinal);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
