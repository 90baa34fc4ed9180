using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Content;

public sealed class FaqContentLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void WriteValidFolder()
    {
        _folder.Write("entries/side-effects.md", string.Join('\n', ContentSamples.EntryLines));
        _folder.Write("articles/living.md", ContentSamples.Article);
        _folder.Write("synonyms.txt", ContentSamples.Synonyms);
        _folder.Write("triage.md", ContentSamples.Triage);
    }

    [Fact]
    public void A_valid_folder_loads_everything_with_no_problems()
    {
        WriteValidFolder();

        var content = FaqContentLoader.Load(_folder.Path);

        Assert.Empty(content.Problems);
        Assert.False(content.HasErrors);
        Assert.Equal("ivig-flu", Assert.Single(content.Entries).Id);
        Assert.Equal(2, content.Passages.Count());
        Assert.Equal(2, content.Synonyms.Groups.Count);
        Assert.Equal([TriageKind.Emergency, TriageKind.Smalltalk], content.TriageRules.Select(r => r.Kind));
        Assert.Equal("entries/side-effects.md", content.Entries.Single().Location.File);
    }

    [Fact]
    public void A_duplicate_id_is_reported_at_the_second_with_the_first_location()
    {
        WriteValidFolder();
        _folder.Write("entries/zz-more.md", "# More\n\n" + ContentSamples.Entry("other", "Other?", "Other answer.") + "\n" + ContentSamples.Entry("ivig-flu", "IVIG flu again?", "Same id."));

        var content = FaqContentLoader.Load(_folder.Path);

        var problem = Assert.Single(content.Problems);
        Assert.Equal("entries/zz-more.md", problem.Location.File);
        Assert.Equal(3 + ContentSamples.Entry("other", "Other?", "Other answer.").Split('\n').Length, problem.Location.Line);
        Assert.Contains("entries/side-effects.md:3", problem.Message, StringComparison.Ordinal);
        var kept = Assert.Single(content.Entries, e => e.Id == "ivig-flu");
        Assert.Equal("What is IVIG flu?", kept.Question);
    }

    [Fact]
    public void An_article_without_source_is_reported_at_its_title()
    {
        WriteValidFolder();
        _folder.Write("articles/no-source.md", "# Unsourced\n\n## Part\n\nText long enough to be a passage of an article about infusions and what happens.\n");

        var content = FaqContentLoader.Load(_folder.Path);

        var problem = Assert.Single(content.Problems);
        Assert.Equal(new SourceLocation("articles/no-source.md", 1), problem.Location);
        Assert.Contains("source", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_triage_rule_with_a_bad_kind_is_reported_at_its_kind_line()
    {
        WriteValidFolder();
        _folder.Write("triage.md", ContentSamples.Triage.Replace("kind: smalltalk", "kind: chitchat", StringComparison.Ordinal));

        var content = FaqContentLoader.Load(_folder.Path);

        var problem = Assert.Single(content.Problems);
        Assert.Equal("triage.md", problem.Location.File);
        Assert.Equal(ContentSamples.Triage.Split('\n').ToList().FindIndex(l => l.StartsWith("kind: smalltalk", StringComparison.Ordinal)) + 1, problem.Location.Line);
        Assert.Contains("chitchat", problem.Message, StringComparison.Ordinal);
        Assert.Single(content.TriageRules);
    }

    [Fact]
    public void A_synonym_line_with_one_term_is_reported_in_synonyms_txt()
    {
        WriteValidFolder();
        _folder.Write("synonyms.txt", "ivig = igiv\nlonely\n");

        var content = FaqContentLoader.Load(_folder.Path);

        Assert.Equal(new SourceLocation("synonyms.txt", 2), Assert.Single(content.Problems).Location);
    }

    [Fact]
    public void A_broken_entry_in_a_subfolder_names_its_relative_path()
    {
        WriteValidFolder();
        _folder.Write("entries/more/broken.md", "## No id here?\nsource: S\nreviewed: 2026-11-21\nalso asked as:\n- a\n- b\n- c\n\nAnswer.\n");

        var content = FaqContentLoader.Load(_folder.Path);

        Assert.Equal(new SourceLocation("entries/more/broken.md", 1), Assert.Single(content.Problems).Location);
    }

    [Fact]
    public void A_missing_triage_file_is_an_error()
    {
        WriteValidFolder();
        File.Delete(Path.Combine(_folder.Path, "triage.md"));

        var content = FaqContentLoader.Load(_folder.Path);

        Assert.True(content.HasErrors);
        Assert.Equal("triage.md", Assert.Single(content.Problems).Location.File);
        Assert.Empty(content.TriageRules);
    }

    [Fact]
    public void A_folder_without_entries_is_an_error()
    {
        _folder.Write("triage.md", ContentSamples.Triage);

        var content = FaqContentLoader.Load(_folder.Path);

        Assert.True(content.HasErrors);
        Assert.Contains(content.Problems, p => p.Location.File == "entries");
    }

    [Fact]
    public void A_missing_folder_is_an_error_not_an_exception()
    {
        var content = FaqContentLoader.Load(Path.Combine(_folder.Path, "does-not-exist"));

        Assert.True(content.HasErrors);
        Assert.Empty(content.Documents);
    }

    [Fact]
    public void Valid_entries_still_load_beside_broken_ones()
    {
        WriteValidFolder();
        _folder.Write("entries/other.md", ContentSamples.Entry("good-one", "Good?", "Good answer.") + "\n## Broken?\nid: broken\n\nNo source.\n");

        var content = FaqContentLoader.Load(_folder.Path);

        Assert.True(content.HasErrors);
        Assert.Contains(content.Entries, e => e.Id == "good-one");
        Assert.DoesNotContain(content.Entries, e => e.Id == "broken");
    }
}
