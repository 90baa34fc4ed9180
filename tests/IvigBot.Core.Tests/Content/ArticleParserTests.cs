using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Content;

public class ArticleParserTests
{
    [Fact]
    public void A_markdown_article_becomes_one_passage_per_paragraph()
    {
        var problems = new List<ContentProblem>();
        var passages = ArticleParser.Parse("articles/living.md", ContentSamples.Article, problems);

        Assert.Empty(problems);
        Assert.Equal(2, passages.Count);
        Assert.All(passages, p =>
        {
            Assert.Equal(FaqDocumentKind.Passage, p.Kind);
            Assert.Equal("Test article source", p.Source);
            Assert.Equal(new DateOnly(2026, 11, 21), p.Reviewed);
            Assert.Equal("Living with IVIG", p.Topic);
        });
        Assert.Equal(["living#1", "living#2"], passages.Select(p => p.Id));
        Assert.Equal("Living with IVIG: Planning infusion days", passages[0].Question);
        Assert.Equal("Living with IVIG: Travel", passages[1].Question);
        Assert.StartsWith("If you travel", passages[1].Answer, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("articles/living.md", 7), passages[0].Location);
    }

    [Fact]
    public void A_short_paragraph_joins_the_next_one()
    {
        var text = "# Title\nsource: S\n\n## Part\n\nShort intro.\n\nThis paragraph is long enough to stand on its own as a passage for the bot to quote.\n";
        var passages = ArticleParser.Parse("articles/t.md", text, new List<ContentProblem>());

        var passage = Assert.Single(passages);
        Assert.Contains("Short intro.", passage.Answer, StringComparison.Ordinal);
        Assert.Contains("stand on its own", passage.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_text_article_reads_title_source_and_paragraphs()
    {
        var text = "Infusion day checklist\nSource: Clinic leaflet\nReviewed: 2026-11-21\n\nBring a book or something to do, because an infusion can take several hours from start to finish.\n\nWear comfortable clothes with sleeves that roll up easily, so the nurse can reach a vein in your arm.\n";
        var problems = new List<ContentProblem>();
        var passages = ArticleParser.Parse("articles/checklist.txt", text, problems);

        Assert.Empty(problems);
        Assert.Equal(2, passages.Count);
        Assert.All(passages, p => Assert.Equal("Clinic leaflet", p.Source));
        Assert.Equal("Infusion day checklist", passages[0].Question);
    }

    [Theory]
    [InlineData("articles/no-source.md", "# A title\nreviewed: 2026-11-21\n\nSome text that is long enough to become a passage of this article for the bot.\n", 1, "source")]
    [InlineData("articles/no-source.md", "\n\n# A title\n\nSome text that is long enough to become a passage of this article for the bot.\n", 3, "source")]
    [InlineData("articles/bad-date.md", "# A title\nsource: S\nreviewed: last spring\n\nSome text that is long enough to become a passage of this article for the bot.\n", 3, "last spring")]
    [InlineData("articles/no-title.md", "Some text without a heading that is long enough to become a passage.\nsource: S\n", 1, "title")]
    [InlineData("articles/dose.md", "# A title\nsource: S\n\nSome people receive 1 g/kg over two days, decided by the care team for each patient.\n", 4, "dose")]
    [InlineData("articles/empty.md", "\n\n", 1, "empty")]
    [InlineData("articles/only-title.md", "# A title\nsource: S\n", 1, "no text")]
    public void A_broken_article_is_reported_at_its_file_and_line(string file, string text, int line, string messagePart)
    {
        var problems = new List<ContentProblem>();
        ArticleParser.Parse(file, text, problems);

        Assert.Contains(problems, p => p.Location == new SourceLocation(file, line) && p.Message.Contains(messagePart, StringComparison.OrdinalIgnoreCase));
    }
}
