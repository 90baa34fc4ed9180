using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Evaluation;
using IvigBot.Hosting;
using IvigBot.Semantic;

namespace IvigBot.Cli;

/// <summary>The verbs: <c>ask</c>, <c>search</c>, <c>check</c>, <c>eval</c>, <c>teams-package</c>, <c>report</c>. With no verb the program serves the web endpoints.</summary>
public static class IvigBotCli
{
    private static readonly string[] Verbs = ["ask", "search", "check", "eval", "teams-package", "report", "--help", "-h", "-?", "--version"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = BuildCommand(output ?? Console.Out, error ?? Console.Error);
        var config = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        return root.Parse(args).InvokeAsync(config);
    }

    public static RootCommand BuildCommand(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("IvigBot answers patients' questions about IVIG from a curated FAQ. With no verb, it serves the chat endpoints on http://localhost:3978.");
        root.Subcommands.Add(AskCommand(output, error));
        root.Subcommands.Add(SearchCommand.Create(output, error));
        root.Subcommands.Add(CheckCommand(output, error));
        root.Subcommands.Add(EvalCommand(output, error));
        root.Subcommands.Add(TeamsPackageCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        return root;
    }

    private static Command AskCommand(TextWriter output, TextWriter error)
    {
        var question = new Argument<string[]>("question") { Description = "The question, as a patient would type it.", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print the answer result as JSON (kind, text, id, source, confidence, suggestions)." };
        var id = new Option<string?>("--id") { Description = "Answer exactly this entry (as when a suggested question is chosen)." };
        var command = new Command("ask", "Answer one question.") { question, json, id };
        command.SetAction(parse =>
        {
            var text = string.Join(' ', parse.GetValue(question) ?? []);
            var chosen = parse.GetValue(id);
            if (text.Length == 0 && chosen is null)
            {
                error.WriteLine("Give a question, e.g.: ask \"what is IVIG flu\"");
                return 2;
            }

            using var engine = LoadEngine(error);
            AnswerResult? result = chosen is not null ? engine.AnswerById(chosen) : engine.Answer(text);
            if (result is null)
            {
                error.WriteLine($"There is no entry with id '{chosen}'.");
                return 1;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(result, IvigJsonContext.Default.AnswerResult));
                return 0;
            }

            output.WriteLine(result.Text);
            if (result.Suggestions.Count > 0 && result.Kind != AnswerKind.Clarify)
            {
                output.WriteLine();
                output.WriteLine(result.Kind == AnswerKind.Answer ? "Related questions:" : "Suggested questions:");
                foreach (var s in result.Suggestions)
                {
                    output.WriteLine($"  - {s.Question}  [--id {s.Id}]");
                }
            }

            return 0;
        });
        return command;
    }

    private static Command CheckCommand(TextWriter output, TextWriter error)
    {
        var folder = new Option<string?>("--faq") { Description = "The content folder to check (default: Faq:Path from appsettings.json, i.e. faq/)." };
        var command = new Command("check", "Validate everything under faq/ and report each problem with its file and line.") { folder };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(folder) ?? IvigBotServiceRegistration.ReadSettings().Faq.ResolvePath();
            var content = FaqContentLoader.Load(path);
            foreach (var problem in content.Problems)
            {
                error.WriteLine($"{Path.Combine(path, problem.Location.File)}:{problem.Location.Line}: {problem.Severity.ToString().ToLowerInvariant()}: {problem.Message}");
            }

            var articles = content.Passages.Select(p => p.Location.File).Distinct().Count();
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{path}: {content.Entries.Count()} entries, {content.Passages.Count()} passages from {articles} articles, {content.Synonyms.Groups.Count} synonym groups, {content.TriageRules.Count} triage rules");
            if (content.Problems.Count == 0)
            {
                output.WriteLine($"{summary}: no problems found.");
                return 0;
            }

            output.WriteLine($"{summary}: {content.Problems.Count} problem(s).");
            return 1;
        });
        return command;
    }

    private static Command EvalCommand(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("questions") { Description = "A JSON Lines file: tests/eval/questions.jsonl, or the queries of an external benchmark with --faq-bank." };
        var bank = new Option<string[]>("--faq-bank")
        {
            Description = "Evaluate ranking on another FAQ bank (JSON Lines, .gz allowed, with faq_id/doc_id/answer_id, question, answer) instead of faq/. "
                + "Repeat to combine banks; an id in a later bank replaces the earlier entry.",
            AllowMultipleArgumentsPerToken = false,
        };
        var qrels = new Option<string?>("--qrels") { Description = "With --faq-bank: the relevance judgements (TSV with header: query_id, entry id, grade)." };
        var relevantGrade = new Option<int>("--relevant-grade") { Description = "With --faq-bank: the grade from which an entry counts as relevant (default 1; 2 is TREC LiveQA's \"correct\").", DefaultValueFactory = _ => 1 };
        var features = new Option<string?>("--features")
        {
            Description = "Also write, as TSV, the signals of the first candidate of each question decided by confidence (meaning on), "
                + "to refit the confidence model with tests/eval/fit-confidence.py.",
        };
        var candidates = new Option<string?>("--candidates")
        {
            Description = "Also write, as TSV, every candidate of each question decided by confidence with the signals of its order "
                + "(with meaning on, every document, marked in the pool or not), to refit the order with tests/eval/fit-ranking.py; with --headlines-only, those of the headlines bank.",
        };
        var headlinesOnly = new Option<bool>("--headlines-only")
        {
            Description = "Rank the set's answer questions against the FAQ's entries with their headline question and answer only (no alternates, "
                + "synonyms, triage or articles), as a public benchmark's bank is, and print the benchmark's figures: a bank like CovidFAQ's that may be tuned on.",
        };
        var bankAnswers = new Option<HeadlineAnswers>("--bank-answers")
        {
            Description = "With --headlines-only: whose answers each entry holds. own (default): its own; overlapping: its own and the next entries' of its topic; "
                + "shared: one joint answer for each group of entries of a topic. Proxies for public banks whose answers are long and shared.",
            DefaultValueFactory = _ => HeadlineAnswers.Own,
        };
        var command = new Command("eval", "Measure answer accuracy on a question set and list the misses.") { file, bank, qrels, relevantGrade, features, candidates, headlinesOnly, bankAnswers };
        command.SetAction(parse =>
        {
            try
            {
                if (parse.GetValue(headlinesOnly))
                {
                    return RunHeadlinesOnly(parse.GetValue(file)!, parse.GetValue(bankAnswers), parse.GetValue(candidates), output, error);
                }

                if (parse.GetValue(bankAnswers) != HeadlineAnswers.Own)
                {
                    error.WriteLine("--bank-answers needs --headlines-only.");
                    return 2;
                }

                return RunEval(parse.GetValue(file)!, parse.GetValue(bank) ?? [], parse.GetValue(qrels), parse.GetValue(relevantGrade), parse.GetValue(features), parse.GetValue(candidates), output, error);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                error.WriteLine($"eval: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static int RunEval(string questionsPath, string[] bankPaths, string? qrelsPath, int relevantGrade, string? featuresPath, string? candidatesPath, TextWriter output, TextWriter error)
    {
        if (bankPaths.Length > 0)
        {
            if (qrelsPath is null)
            {
                error.WriteLine("--faq-bank needs --qrels.");
                return 2;
            }

            if (relevantGrade < 1)
            {
                error.WriteLine("--relevant-grade must be 1 or more.");
                return 2;
            }

            // Meaning on or off and the model as the settings say (Answering__Semantic=false), as for the FAQ's own sets.
            var (_, answering) = IvigBotServiceRegistration.ReadSettings();
            EvalPrinter.Print(RetrievalBenchmark.Run(bankPaths, questionsPath, qrelsPath, relevantGrade: relevantGrade, answering: answering), output);
            return 0;
        }

        var questions = JsonLines.Read(questionsPath, IvigJsonContext.Default.EvalQuestion);
        using var engine = LoadEngine(error);
        var report = EvalRunner.Run(engine, questions, rankEveryDocument: candidatesPath is not null);
        EvalPrinter.Print(report, output);
        if (featuresPath is not null)
        {
            using var tsv = new StreamWriter(featuresPath);
            EvalPrinter.WriteDecisions(report, tsv);
        }

        if (candidatesPath is not null)
        {
            using var tsv = new StreamWriter(candidatesPath);
            EvalPrinter.WriteCandidates(report, tsv);
        }

        return EvalPrinter.MeetsTargets(report) ? 0 : 1;
    }

    private static int RunHeadlinesOnly(string questionsPath, HeadlineAnswers answers, string? candidatesPath, TextWriter output, TextWriter error)
    {
        var questions = JsonLines.Read(questionsPath, IvigJsonContext.Default.EvalQuestion);
        var (faq, answering) = IvigBotServiceRegistration.ReadSettings();
        using var engine = RetrievalBenchmark.HeadlinesEngine(LoadContent(faq, error).Documents, answering: answering, answers: answers);
        EvalPrinter.Print(RetrievalBenchmark.RunHeadlinesOnly(engine, questions), output);
        if (candidatesPath is not null)
        {
            // The same questions and bank, as rows for tests/eval/fit-ranking.py (its --headlines files).
            var report = EvalRunner.Run(engine, RetrievalBenchmark.AnswerQuestions(questions), rankEveryDocument: true);
            using var tsv = new StreamWriter(candidatesPath);
            EvalPrinter.WriteCandidates(report, tsv);
        }

        return 0;
    }

    private static AnswerEngine LoadEngine(TextWriter error)
    {
        var (faq, answering) = IvigBotServiceRegistration.ReadSettings();
        if (answering.Semantic)
        {
            _ = SentenceEmbedder.Preload(answering.QuantizedModel); // the model loads while the content is read and indexed
        }

        return new AnswerEngine(LoadContent(faq, error), answering);
    }

    /// <summary>The content <paramref name="faq"/> names: its valid part, with a note on <paramref name="error"/> when it has problems.</summary>
    internal static FaqContent LoadContent(FaqOptions faq, TextWriter error)
    {
        var folder = faq.ResolvePath();
        var content = FaqContentLoader.Load(folder);
        if (content.Problems.Count > 0)
        {
            error.WriteLine($"Note: {content.Problems.Count} problem(s) in {folder}; run 'check' to see them. Answering from the valid content.");
        }

        return content;
    }
}
