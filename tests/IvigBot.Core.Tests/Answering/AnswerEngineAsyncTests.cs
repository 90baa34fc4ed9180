using IvigBot.Answering;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;

namespace IvigBot.Core.Tests.Answering;

/// <summary><see cref="AnswerEngine.AnswerAsync"/> against <see cref="AnswerEngine.Answer(string)"/>, the plain definition it must equal.</summary>
public class AnswerEngineAsyncTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    [Fact]
    public async Task Every_team_question_gets_the_reply_the_synchronous_path_gives()
    {
        using var engine = new AnswerEngine(fixture.Content, new AnsweringOptions { CacheSize = 0 });
        var messages = JsonLines.Read(RepoPaths.EvalQuestions, IvigJsonContext.Default.EvalQuestion).Select(q => q.Question).Append("   ").ToList();

        foreach (var message in messages)
        {
            var expected = engine.Answer(message);
            var actual = await engine.AnswerAsync(message);

            Assert.Equal((expected.Kind, expected.Id, expected.Text), (actual.Kind, actual.Id, actual.Text));
            Assert.Equal(expected.Suggestions.Select(s => s.Id), actual.Suggestions.Select(s => s.Id));
        }

        Assert.Contains(messages, m => engine.Answer(m).Kind == AnswerKind.Emergency);
    }

    [Fact]
    public async Task An_answer_worked_out_asynchronously_is_cached_for_both_paths()
    {
        const string Message = "how long does an IVIG infusion take, asked asynchronously";

        var first = await fixture.Engine.AnswerAsync(Message);

        Assert.Same(first, await fixture.Engine.AnswerAsync(Message));
        Assert.Same(first, fixture.Engine.Answer(Message));
    }
}
