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

    [Fact]
    public void Match_finds_the_longest_phrase_on_stems()
    {
        var map = SynonymMap.Parse("synonyms.txt", "gbs = guillain barre syndrome = guillain barre\nkidney = renal\n", new List<ContentProblem>());
        var (length, group) = map.Match(Stems("guillain barre syndrome"), 0);
        Assert.Equal(3, length);
        Assert.Contains(map.Groups[group], p => p.SequenceEqual(["gbs"]));

        Assert.True(map.Match(Stems("kidneys"), 0).Length == 1, "'kidneys' should match the group of 'kidney'");
        Assert.Equal((0, -1), map.Match(["liver"], 0));
    }

    private static List<string> Stems(string text) => FaqAnalyzer.WordsOf(text).Select(LightStemmer.Stem).ToList();
}
