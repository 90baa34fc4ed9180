using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Core.Tests.Analysis;

public class SynonymMapTests
{
    [Fact]
    public void Parse_reads_groups_and_skips_comments()
    {
        var problems = new List<ContentProblem>();
        var map = SynonymMap.Parse("synonyms.txt", "# a comment\nivig = intravenous immunoglobulin = igiv # trailing\n\nmg = myasthenia gravis\n", problems);

        Assert.Empty(problems);
        Assert.Equal(2, map.Groups.Count);
        Assert.Contains(map.Groups, g => g.Any(p => p.SequenceEqual(["intravenous", "immunoglobulin"])) && g.Any(p => p.SequenceEqual(["igiv"])));
        Assert.Equal(2, map.LongestPhrase);
    }

    [Fact]
    public void Groups_sharing_a_phrase_are_merged()
    {
        var problems = new List<ContentProblem>();
        var map = SynonymMap.Parse("synonyms.txt", "kidney = renal\nrenal = nephro\n", problems);

        Assert.Empty(problems);
        var group = Assert.Single(map.Groups);
        Assert.Equal(3, group.Count);
    }

    [Theory]
    [InlineData("ivig = igiv\njust-one-term\n", 2)]
    [InlineData("ivig =\n", 1)]
    [InlineData("# header\n\nmg = myasthenia gravis\n = \n", 4)]
    public void A_line_with_one_term_is_a_problem_at_its_line(string text, int line)
    {
        var problems = new List<ContentProblem>();
        SynonymMap.Parse("synonyms.txt", text, problems);

        var problem = Assert.Single(problems);
        Assert.Equal(new SourceLocation("synonyms.txt", line), problem.Location);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(123)]
    public void A_group_token_names_its_group(int group)
    {
        Assert.Equal(group, SynonymMap.GroupOf(SynonymMap.GroupToken(group)));
    }

    [Theory]
    [InlineData("syngroup")]
    [InlineData("syngroupx")]
    [InlineData("syngroup-1")]
    [InlineData("kidnei")]
    public void Other_terms_name_no_group(string term)
    {
        Assert.Null(SynonymMap.GroupOf(term));
    }
}
