using System.Text.Json;
using IvigBot.Answering;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;

namespace IvigBot.Core.Tests.Answering;

public class AnswerCacheTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    private static string Json(AnswerResult result) => JsonSerializer.Serialize(result, IvigJsonContext.Default.AnswerResult);

    private static AnswerResult Reply(string text) => new() { Kind = AnswerKind.Fallback, Text = text };

    [Fact]
    public void Cached_answers_are_identical_to_uncached_ones_for_every_team_question_asked_twice()
    {
        var questions = JsonLines.Read(RepoPaths.EvalQuestions, IvigJsonContext.Default.EvalQuestion).Select(q => q.Question).ToList();
        using var cached = new AnswerEngine(fixture.Content, new AnsweringOptions { CacheSize = 1024 });
        using var uncached = new AnswerEngine(fixture.Content, new AnsweringOptions { CacheSize = 0 });

        var first = questions.Select(q => Json(cached.Answer(q))).ToList();
        var second = questions.Select(q => Json(cached.Answer(q))).ToList();
        var expected = questions.Select(q => Json(uncached.Answer(q))).ToList();

        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.Null(uncached.Cache);
        Assert.InRange(cached.Cache!.Count, 1, questions.Count);
    }

    [Theory]
    [InlineData("what is IVIG flu", "  What   is ivig FLU ")]
    [InlineData("my head hurts.\ncan i take ivig", "My head hurts. \n\n Can I take IVIG")]
    [InlineData("headache after ivig?", "HEADACHE\tafter IVIG?")]
    public void Questions_that_differ_in_case_and_spacing_share_one_key_and_one_answer(string question, string variant)
    {
        Assert.Equal(AnswerCache.Normalize(question), AnswerCache.Normalize(variant));
        using var uncached = new AnswerEngine(fixture.Content, new AnsweringOptions { CacheSize = 0 });
        Assert.Equal(Json(uncached.Answer(question)), Json(uncached.Answer(variant)));
    }

    [Fact]
    public void A_line_feed_is_kept_because_it_ends_a_sentence()
    {
        Assert.NotEqual(AnswerCache.Normalize("my son has mg\nwhat is ivig"), AnswerCache.Normalize("my son has mg what is ivig"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(101)]
    public void The_cache_never_holds_more_than_its_capacity_and_keeps_recent_answers(int capacity)
    {
        var cache = new AnswerCache(capacity);
        var computed = 0;

        for (var i = 0; i < capacity * 5; i++)
        {
            cache.GetOrAdd($"question {i}", 0, (q, _) => { computed++; return Reply(q); });
            Assert.InRange(cache.Count, 1, capacity);
        }

        var last = $"question {(capacity * 5) - 1}";
        Assert.Equal(last, cache.GetOrAdd(last, 0, (q, _) => { computed++; return Reply("recomputed"); }).Text);
        Assert.Equal(capacity * 5, computed);
    }

    [Fact]
    public void A_repeated_question_is_answered_once()
    {
        var cache = new AnswerCache(100);
        var computed = 0;

        for (var i = 0; i < 5; i++)
        {
            cache.GetOrAdd("What is IVIG?", 0, (q, _) => { computed++; return Reply(q); });
        }

        Assert.Equal(1, computed);
    }

    [Fact]
    public void Very_long_questions_are_answered_but_not_cached()
    {
        var cache = new AnswerCache(100);
        var question = string.Join(' ', Enumerable.Repeat("ivig", AnswerCache.MaxKeyLength));

        cache.GetOrAdd(question, 0, (q, _) => Reply(q));

        Assert.Equal(0, cache.Count);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(64, true)]
    public void A_cache_size_of_zero_switches_the_cache_off(int size, bool on)
    {
        using var engine = new AnswerEngine(fixture.Content, new AnsweringOptions { CacheSize = size });

        engine.Answer("what is ivig");

        Assert.Equal(on, engine.Cache is not null);
        Assert.Equal(on ? 1 : 0, engine.Cache?.Count ?? 0);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1_000_000, true)]
    [InlineData(1_000_001, false)]
    public void Cache_size_is_validated(int size, bool valid)
    {
        Assert.Equal(valid, !new AnsweringOptions { CacheSize = size }.Validate().Any());
    }

    [Fact]
    public void A_new_engine_for_reloaded_content_starts_with_an_empty_cache()
    {
        using var before = new AnswerEngine(fixture.Content, new AnsweringOptions());
        before.Answer("what is ivig");
        using var reloaded = new AnswerEngine(fixture.Content, new AnsweringOptions());

        Assert.Equal(1, before.Cache!.Count);
        Assert.Equal(0, reloaded.Cache!.Count);
    }

    [Fact]
    public void Answering_by_id_gives_the_same_related_questions_every_time()
    {
        using var engine = new AnswerEngine(fixture.Content, new AnsweringOptions { CacheSize = 0 });

        var first = engine.AnswerById("ivig-flu")!;
        var second = engine.AnswerById("ivig-flu")!;

        Assert.NotEmpty(first.Suggestions);
        Assert.Equal(Json(first), Json(second));
        Assert.DoesNotContain(first.Suggestions, s => s.Id == "ivig-flu");
    }
}
