using IvigBot.Answering;
using IvigBot.Insights;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Insights;

public sealed class QueuedInteractionRecorderTests
{
    private static readonly AnswerResult Fallback = new() { Kind = AnswerKind.Fallback, Text = "Sorry", Confidence = 0.1 };

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_waiting()
    {
        var recorder = Recorder(new InsightsOptions { QueueCapacity = 2 });

        for (var i = 0; i < 5; i++)
        {
            recorder.RecordFeedback("webchat", "c1", "ivig-flu", helpful: true);
        }

        Assert.Equal((2, 3L), (recorder.Pending, recorder.Dropped));
    }

    [Fact]
    public void With_storing_switched_off_nothing_is_queued()
    {
        var recorder = Recorder(new InsightsOptions { Enabled = false });

        recorder.RecordMessage("webchat", "c1", "anything", Fallback);
        recorder.RecordFeedback("webchat", "c1", "ivig-flu", helpful: false);

        Assert.Equal((0, 0L), (recorder.Pending, recorder.Dropped));
    }

    [Theory]
    [InlineData(AnswerKind.Fallback, 0.1, true)]
    [InlineData(AnswerKind.Clarify, 0.38, true)]
    [InlineData(AnswerKind.Answer, 0.45, true)] // answered, but below Insights:LowConfidence
    [InlineData(AnswerKind.Answer, 0.8, false)]
    [InlineData(AnswerKind.Emergency, 1.0, false)]
    public void Only_messages_without_a_sure_answer_keep_their_text(AnswerKind kind, double confidence, bool kept)
    {
        var recorder = Recorder(new InsightsOptions { LowConfidence = 0.5 });

        recorder.RecordMessage("webchat", "c1", "the question", new AnswerResult { Kind = kind, Text = "reply", Confidence = confidence });

        Assert.True(recorder.Reader.TryRead(out var queued));
        var message = Assert.IsType<MessageInteraction>(queued);
        Assert.Equal(kept ? "the question" : null, message.Question);
        Assert.Equal(kind.ToString().ToLowerInvariant(), message.Kind);
    }

    [Fact]
    public void Small_talk_and_ids_that_are_not_ids_are_not_recorded()
    {
        var recorder = Recorder(new InsightsOptions());

        recorder.RecordMessage("webchat", "c1", "hello", new AnswerResult { Kind = AnswerKind.Smalltalk, Text = "Hi" });
        recorder.RecordPick("webchat", "c1", "my name is Jane Doe");
        recorder.RecordFeedback("webchat", "c1", null, helpful: true);

        Assert.Equal(0, recorder.Pending);
    }

    private static QueuedInteractionRecorder Recorder(InsightsOptions options) => new(Options.Create(options), TimeProvider.System);
}
