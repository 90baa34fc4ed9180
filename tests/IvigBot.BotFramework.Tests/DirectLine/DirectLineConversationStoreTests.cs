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
        Assert.Equal(ConversationStart.Started, _store.TryStart("a", "dl_1", null, client: null, out _));
        Assert.Equal(ConversationStart.Started, _store.TryStart("b", "dl_2", null, client: null, out _));

        Assert.False(_store.HasRoom());
        Assert.Equal(ConversationStart.Full, _store.TryStart("c", "dl_3", null, client: null, out var refused));
        Assert.Null(refused);
        Assert.Equal(ConversationStart.Existing, _store.TryStart("a", "dl_1", null, client: null, out var existing));
        Assert.Equal("a", existing!.Id);
        Assert.Equal(2, _store.Count);
    }

    [Fact]
    public void An_idle_conversation_is_not_found_and_its_stream_ends()
    {
        _store.TryStart("a", "dl_1", "en-US", client: null, out var conversation);
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
        _store.TryStart("a", "dl_1", null, client: null, out _);
        _clock.Advance(TimeSpan.FromMinutes(6));
        _store.TryStart("b", "dl_2", null, client: null, out _);
        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(ConversationStart.Started, _store.TryStart("c", "dl_3", null, client: null, out _));
        Assert.False(_store.TryGet("a", out _));
        Assert.True(_store.TryGet("b", out _));
    }

    [Fact]
    public void A_periodic_sweep_drops_idle_conversations_without_any_request()
    {
        _store.TryStart("a", "dl_1", null, client: null, out _);
        _store.TryStart("b", "dl_2", null, client: null, out _);

        // The sweep timer runs every minute of (fake) time.
        for (var minute = 0; minute < 12; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public void One_client_cannot_hold_more_than_its_share_while_others_and_local_tools_still_start()
    {
        var options = new DirectLineOptions { MaxConversations = 10, MaxConversationsPerClient = 2, ConversationIdleTimeout = TimeSpan.FromMinutes(10) };
        using var store = new DirectLineConversationStore(Options.Create(options), _clock, NullLogger<DirectLineConversationStore>.Instance);

        Assert.Equal(ConversationStart.Started, store.TryStart("a1", "dl_1", null, "ip:203.0.113.7", out _));
        Assert.Equal(ConversationStart.Started, store.TryStart("a2", "dl_2", null, "ip:203.0.113.7", out _));
        Assert.Equal(ConversationStart.ClientLimit, store.TryStart("a3", "dl_3", null, "ip:203.0.113.7", out var refused));
        Assert.Null(refused);
        Assert.Equal(ConversationStart.Existing, store.TryStart("a1", "dl_1", null, "ip:203.0.113.7", out _));
        Assert.Equal(ConversationStart.Started, store.TryStart("b1", "dl_4", null, "ip:198.51.100.2", out _));
        Assert.Equal(ConversationStart.Started, store.TryStart("l1", "dl_5", null, client: null, out _));
        Assert.Equal(ConversationStart.Started, store.TryStart("l2", "dl_6", null, client: null, out _));
        Assert.Equal(ConversationStart.Started, store.TryStart("l3", "dl_7", null, client: null, out _));

        // Once one of its conversations goes idle, the client may start another.
        _clock.Advance(TimeSpan.FromMinutes(6));
        store.TryGet("a2", out _);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ConversationStart.Started, store.TryStart("a3", "dl_3", null, "ip:203.0.113.7", out _));
        Assert.Equal(ConversationStart.ClientLimit, store.TryStart("a4", "dl_8", null, "ip:203.0.113.7", out _));
    }
}
