using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Content;

/// <summary>The content the bot ships with, in the repository's faq/ folder.</summary>
public class ShippedContentTests
{
    private static readonly Lazy<FaqContent> Content = new(() => FaqContentLoader.Load(RepoPaths.Faq));

    [Fact]
    public void Loads_with_zero_problems()
    {
        Assert.True(Content.Value.Problems.Count == 0, string.Join('\n', Content.Value.Problems));
    }

    [Fact]
    public void Has_at_least_45_entries_and_4_articles()
    {
        Assert.True(Content.Value.Entries.Count() >= 45, $"{Content.Value.Entries.Count()} entries");
        Assert.True(Content.Value.Passages.Select(p => p.Location.File).Distinct().Count() >= 4);
    }

    [Fact]
    public void Every_entry_has_source_reviewed_date_and_three_alternates()
    {
        var incomplete = Content.Value.Entries
            .Where(e => string.IsNullOrWhiteSpace(e.Source) || e.Reviewed is null || e.Alternates.Count < 3)
            .Select(e => $"{e.Id} ({e.Location})")
            .ToList();

        Assert.True(incomplete.Count == 0, "incomplete entries: " + string.Join(", ", incomplete));
    }

    [Fact]
    public void Every_passage_names_its_source()
    {
        Assert.All(Content.Value.Passages, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
    }

    [Fact]
    public void No_answer_or_passage_contains_a_dose()
    {
        var doses = Content.Value.Documents
            .Where(d => DosingGuard.IsDose(d.Answer))
            .Select(d => $"{d.Id}: {DosingGuard.FindDose(d.Answer)}")
            .ToList();

        Assert.True(doses.Count == 0, "doses found: " + string.Join(", ", doses));
    }

    /// <summary>The clinic's one emergency-number setting reaches every emergency reply, and no placeholder is left.</summary>
    [Fact]
    public void Every_emergency_reply_names_the_configured_emergency_number()
    {
        var composer = new IvigBot.Answering.ReplyComposer(new IvigBot.Answering.AnsweringOptions { EmergencyNumber = "999" });
        var emergencies = Content.Value.TriageRules.Where(r => r.Kind == IvigBot.Answering.TriageKind.Emergency).ToList();

        Assert.NotEmpty(emergencies);
        Assert.All(emergencies, rule =>
        {
            var reply = composer.Emergency(rule);
            Assert.Contains("(999)", reply, StringComparison.Ordinal);
            Assert.DoesNotContain("911", reply, StringComparison.Ordinal);
            Assert.DoesNotContain("{emergency-number}", reply, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Ids_are_unique()
    {
        var duplicates = Content.Value.Documents.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Triage_has_emergency_advice_and_smalltalk_rules()
    {
        var kinds = Content.Value.TriageRules.Select(r => r.Kind).Distinct().ToList();

        Assert.Contains(IvigBot.Answering.TriageKind.Emergency, kinds);
        Assert.Contains(IvigBot.Answering.TriageKind.Advice, kinds);
        Assert.Contains(IvigBot.Answering.TriageKind.Smalltalk, kinds);
    }

    /// <summary>Written independently of the loader's guard: a number with a unit per weight or per day.</summary>
}
