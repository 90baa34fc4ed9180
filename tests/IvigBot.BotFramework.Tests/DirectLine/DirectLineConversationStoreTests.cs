using IvigBot.BotFramework.DirectLine;
using IvigBot.BotFramework.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Tests.DirectLine;

public sealed class DirectLineConversationStoreTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly DirectLineConversationStore _store;

    public DirectLineConversationStoreTests()
    {
        var options = new DirectLineOptions { MaxConversations = 2, ConversationIdleTimeout = TimeSpan.FromMinutes(10) };
        _store = new DirectLineConversationStore(Options.Create(options), _clock, NullLogger<DirectLineConversationStore>.Instance);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void A_full_store_refuses_new_conversations_but_finds_existing_ones()
    {
        Assert.Equal(ConversationStart.Started, _store.TryStart("a", "dl_1", null, out _));
        Assert.Equal(ConversationStart.Started, _store.TryStart("b", "dl_2", null, out _));

        Assert.False(_store.HasRoom());
        Assert.Equal(ConversationStart.Full, _store.TryStart("c", "dl_3", null, out var refused));
        Assert.Null(refused);
        Assert.Equal(ConversationStart.Existing, _store.TryStart("a", "dl_1", null, out var existing));
        Assert.Equal("a", existing!.Id);
        Assert.Equal(2, _store.Count);
    }

    [Fact]
    public void An_idle_conversation_is_not_found_and_its_stream_ends()
    {
        _store.TryStart("a", "dl_1", "en-US", out var conversation);
        var subscription = conversation!.Subscribe(null);

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(_store.TryGet("a", out _));
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.False(_store.TryGet("a", out _));
        Assert.Equal(StreamCloseReason.Ended, subscription.CloseReason);
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public void Idle_conversations_make_room_when_the_store_is_full()
    {
        _store.TryStart("a", "dl_1", null, out _);
        _clock.Advance(TimeSpan.FromMinutes(6));
        _store.TryStart("b", "dl_2", null, out _);
        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(ConversationStart.Started, _store.TryStart("c", "dl_3", null, out _));
        Assert.False(_store.TryGet("a", out _));
        Assert.True(_store.TryGet("b", out _));
    }

    [Fact]
    public void A_periodic_sweep_drops_idle_conversations_without_any_request()
    {
        _store.TryStart("a", "dl_1", null, out _);
        _store.TryStart("b", "dl_2", null, out _);

        // The sweep timer runs every minute of (fake) time.
        for (var minute = 0; minute < 12; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(0, _store.Count);
    }
}
