using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Hosting;
using IvigBot.Tests.Bots;
using IvigBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Hosting;

/// <summary>Editing a copy of faq/ while the provider serves it: good edits are swapped in, broken ones are refused.</summary>
public sealed class AnswerEngineProviderTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string CostQuestion = "how much does ivig cost";
    private const string CostAnswerStart = "IVIG is an expensive treatment.";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ivigbot-reload-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public AnswerEngineProviderTests()
    {
        CopyFolder(RepoPaths.Faq, _folder);
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
    }

    private string Practical => Path.Combine(_folder, "entries", "practical.md");

    public void Dispose()
    {
        _loggerFactory.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private AnswerEngineProvider Start(bool reloadOnChange = true) => new(
        Options.Create(new FaqOptions
        {
            Path = _folder,
            ReloadOnChange = reloadOnChange,
            ReloadDelay = TimeSpan.FromMilliseconds(50),
            ReloadPollInterval = TimeSpan.FromMilliseconds(250),
        }),
        Options.Create(new AnsweringOptions()),
        TimeProvider.System,
        _loggerFactory.CreateLogger<AnswerEngineProvider>());

    [Fact]
    public async Task A_good_edit_is_answered_after_the_reload_and_requests_on_the_old_engine_still_finish()
    {
        using var provider = Start();
        var before = provider.Engine;
        Assert.Contains(CostAnswerStart, before.Answer(CostQuestion).Text, StringComparison.Ordinal);
        var reloaded = NextReload(provider);

        Edit(Practical, CostAnswerStart, "IVIG costs a lot (edited while running).");

        var outcome = await reloaded.WaitAsync(Patience);
        Assert.True(outcome.Applied);
        Assert.Equal(2, provider.Status.Version);
        Assert.Contains("IVIG costs a lot (edited while running).", provider.Engine.Answer(CostQuestion).Text, StringComparison.Ordinal);
        Assert.NotSame(before, provider.Engine);
        Assert.Contains(CostAnswerStart, before.Answer(CostQuestion).Text, StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.Message.StartsWith("Reloaded content (version 2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_entry_file_is_found_after_the_reload()
    {
        using var provider = Start();
        Assert.NotEqual(AnswerKind.Answer, provider.Engine.Answer("can I bring my guide dog to the infusion centre").Kind);
        var reloaded = NextReload(provider);

        await File.WriteAllTextAsync(Path.Combine(_folder, "entries", "visiting.md"), """
            # Visiting

            ## Can I bring my guide dog to the infusion centre?
            id: guide-dog
            source: Clinic visitor policy (test)
            reviewed: 2026-11-21
            also asked as:
            - guide dog at the infusion centre
            - assistance dog during infusion
            - can my service dog come with me

            Yes. Assistance dogs are welcome at the infusion centre.
            """);

        Assert.True((await reloaded.WaitAsync(Patience)).Applied);
        var answer = provider.Engine.Answer("can I bring my guide dog to the infusion centre");
        Assert.Equal("guide-dog", answer.Id);
    }

    [Fact]
    public async Task A_broken_edit_keeps_the_last_good_content_and_logs_file_and_line_until_it_is_fixed()
    {
        using var provider = Start();
        var original = await File.ReadAllTextAsync(Practical);
        var sourceLine = original.Split('\n').First(l => l.StartsWith("source:", StringComparison.Ordinal));
        var refused = NextReload(provider);

        // The first entry loses its source line: an error the served content does not have.
        var at = original.IndexOf(sourceLine + "\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Practical, original.Remove(at, sourceLine.Length + 1));

        var outcome = await refused.WaitAsync(Patience);
        Assert.False(outcome.Applied);
        Assert.Equal(1, provider.Status.Version);
        Assert.NotNull(provider.Status.RejectedAt);
        Assert.Equal("cost-insurance", provider.Engine.Answer(CostQuestion).Id);
        var problem = Assert.Single(outcome.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("entries/practical.md", problem.Location.File.Replace('\\', '/'));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("entries/practical.md:3", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("Content change not applied", StringComparison.Ordinal));

        var fixedAgain = NextReload(provider);
        await File.WriteAllTextAsync(Practical, original.Replace(CostAnswerStart, "IVIG is costly (fixed).", StringComparison.Ordinal));

        Assert.True((await fixedAgain.WaitAsync(Patience)).Applied);
        Assert.Equal(2, provider.Status.Version);
        Assert.Null(provider.Status.RejectedAt);
        Assert.Contains("IVIG is costly (fixed).", provider.Engine.Answer(CostQuestion).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_safety_rules_is_refused()
    {
        using var provider = Start();
        var refused = NextReload(provider);

        File.Delete(Path.Combine(_folder, "triage.md"));

        Assert.False((await refused.WaitAsync(Patience)).Applied);
        Assert.Equal(AnswerKind.Emergency, provider.Engine.Answer("I can't breathe").Kind);
    }

    /// <summary>Start-up fails closed where a reload would be refused: no content, or broken safety rules.</summary>
    [Theory]
    [InlineData("a typo in a rule's kind", "triage.md")]
    [InlineData("no triage rules", "no emergency rules")]
    [InlineData("no content at all", "no FAQ entries")]
    public void Start_up_refuses_content_that_cannot_catch_emergencies_and_names_the_file_and_line(string breakage, string expected)
    {
        switch (breakage)
        {
            case "a typo in a rule's kind":
                var triage = Path.Combine(_folder, "triage.md");
                var lines = File.ReadAllLines(triage);
                var at = Array.IndexOf(lines, "kind: emergency");
                lines[at] = "kind: emergncy";
                File.WriteAllLines(triage, lines);
                expected = $"triage.md:{at + 1}: kind 'emergncy'";
                break;
            case "no triage rules":
                File.Delete(Path.Combine(_folder, "triage.md"));
                break;
            default:
                foreach (var entry in Directory.GetFileSystemEntries(_folder))
                {
                    if (Directory.Exists(entry))
                    {
                        Directory.Delete(entry, recursive: true);
                    }
                    else
                    {
                        File.Delete(entry);
                    }
                }

                break;
        }

        var refused = Assert.Throws<ContentNotServableException>(() => Start(reloadOnChange: false));

        Assert.StartsWith("IvigBot did not start", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_watching_an_explicit_reload_still_applies_an_edit()
    {
        using var provider = Start(reloadOnChange: false);
        Edit(Practical, CostAnswerStart, "IVIG costs a lot (reloaded by hand).");

        Assert.Contains(CostAnswerStart, provider.Engine.Answer(CostQuestion).Text, StringComparison.Ordinal);
        Assert.True(await provider.ReloadAsync(CancellationToken.None).WaitAsync(Patience));
        Assert.Contains("IVIG costs a lot (reloaded by hand).", provider.Engine.Answer(CostQuestion).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_example_message_added_to_a_rule_routes_by_meaning_after_the_reload()
    {
        const string Message = "the nurse has pressed the red alarm button by my chair";
        using var provider = Start(reloadOnChange: false);
        Assert.NotEqual(AnswerKind.Emergency, provider.Engine.Answer(Message).Kind);
        var triage = Path.Combine(_folder, "triage.md");
        Edit(triage, "examples:\n- something is very wrong, I think this is an emergency", "examples:\n- " + Message + "\n- something is very wrong, I think this is an emergency");

        Assert.True(await provider.ReloadAsync(CancellationToken.None).WaitAsync(Patience));

        Assert.Equal(AnswerKind.Emergency, provider.Engine.Answer(Message).Kind);
        Assert.Equal(0, provider.Status.Problems);
    }

    private static Task<ContentReloadedEventArgs> NextReload(AnswerEngineProvider provider)
    {
        var next = new TaskCompletionSource<ContentReloadedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<ContentReloadedEventArgs>? handler = null;
        handler = (_, e) =>
        {
            provider.Reloaded -= handler;
            next.TrySetResult(e);
        };
        provider.Reloaded += handler;
        return next.Task;
    }

    private static void Edit(string path, string find, string replace)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
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
