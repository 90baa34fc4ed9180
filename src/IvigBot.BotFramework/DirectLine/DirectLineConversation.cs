using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using IvigBot.BotFramework.Integration;
using Microsoft.Bot.Schema;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// One Direct Line conversation in memory: the activities both sides sent, in order, each with an id
/// <c>{conversationId}|{sequence:D7}</c> and a server timestamp, and at most one live WebSocket subscriber. The
/// watermark is the sequence number of the last activity a client has seen. Only the newest
/// <c>maxActivities</c> are kept. Thread-safe.
/// </summary>
public sealed class DirectLineConversation
{
    /// <summary>Frames waiting for a slow WebSocket client before it is disconnected (it then reconnects with its watermark).</summary>
    internal const int SubscriberBacklog = 64;

    private readonly object _gate = new();
    private readonly Queue<StoredActivity> _activities = new();
    private readonly int _maxActivities;
    private long _sequence;
    private long _lastSeenTicks;
    private DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;
    private DirectLineSubscription? _subscriber;
    private bool _ended;

    internal DirectLineConversation(string id, string userId, string? locale, string? client, DateTimeOffset now, int maxActivities)
    {
        Id = id;
        UserId = userId;
        Locale = locale;
        Client = client;
        _maxActivities = maxActivities;
        _lastSeenTicks = now.UtcTicks;
    }

    public string Id { get; }

    /// <summary>The user the conversation was started for (the token's <c>user</c> claim).</summary>
    public string UserId { get; }

    /// <summary>The locale the client asked for when starting, if any.</summary>
    public string? Locale { get; }

    /// <summary>The client (<see cref="Integration.ClientAddress"/> key) that started it; null for a local one, which has no cap.</summary>
    internal string? Client { get; }

    /// <summary>When a client last used this conversation.</summary>
    public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

    /// <summary>The sequence number of the newest activity (0 before the first).</summary>
    public long Watermark
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    internal bool IsEnded
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);

    /// <summary>
    /// Gives <paramref name="activity"/> the next id and a timestamp (never earlier than the previous one, and at
    /// least a millisecond later, since Web Chat orders by it), stores a copy and pushes it to the live stream.
    /// Returns the id. Later changes to <paramref name="activity"/> do not change what is stored.
    /// </summary>
    public string Append(Activity activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var sequence = ++_sequence;
            var timestamp = now.ToUniversalTime();
            if (timestamp <= _lastTimestamp)
            {
                timestamp = _lastTimestamp.AddMilliseconds(1);
            }

            _lastTimestamp = timestamp;
            activity.Id = ActivityId(Id, sequence);
            activity.Timestamp = timestamp;
            var stored = new StoredActivity(
                sequence,
                activity.Type == ActivityTypes.Typing,
                BotFrameworkJson.Write(activity));
            _activities.Enqueue(stored);
            while (_activities.Count > _maxActivities)
            {
                _activities.Dequeue();
            }

            if (_subscriber is { } subscriber && !subscriber.TryPush(ActivitySetJson.Write([stored.Json], sequence)))
            {
                _subscriber = null;
            }

            return activity.Id;
        }
    }

    /// <summary>
    /// The activities after <paramref name="watermark"/> as an <c>ActivitySet</c> JSON body and the new watermark.
    /// Typing indicators are left out (they only make sense live). A watermark older than the oldest kept activity
    /// returns from the oldest kept one; a watermark ahead of the conversation returns nothing.
    /// </summary>
    public byte[] GetActivitySet(long watermark)
    {
        lock (_gate)
        {
            return ActivitySetJson.Write(After(watermark), _sequence);
        }
    }

    /// <summary>
    /// Opens the live stream: the activities after <paramref name="watermark"/> (all when null) become the first
    /// frame, then every new activity follows as its own frame. A previous subscriber is closed
    /// (<see cref="StreamCloseReason.Collision"/>), as Azure does: one socket per conversation.
    /// </summary>
    internal DirectLineSubscription Subscribe(long? watermark)
    {
        lock (_gate)
        {
            _subscriber?.Close(StreamCloseReason.Collision);
            var backlog = After(watermark ?? 0);
            var subscription = new DirectLineSubscription(backlog.Count > 0 ? ActivitySetJson.Write(backlog, _sequence) : null);
            if (_ended)
            {
                subscription.Close(StreamCloseReason.Ended);
            }
            else
            {
                _subscriber = subscription;
            }

            return subscription;
        }
    }

    internal void Unsubscribe(DirectLineSubscription subscription)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_subscriber, subscription))
            {
                _subscriber = null;
            }
        }
    }

    /// <summary>Closes the live stream for good; called when the conversation leaves the store.</summary>
    internal void End()
    {
        lock (_gate)
        {
            _ended = true;
            _subscriber?.Close(StreamCloseReason.Ended);
            _subscriber = null;
        }
    }

    internal static string ActivityId(string conversationId, long sequence) =>
        conversationId + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture);

    private List<byte[]> After(long watermark) =>
        _activities.Where(a => a.Sequence > watermark && !a.IsTyping).Select(a => a.Json).ToList();

    private sealed record StoredActivity(long Sequence, bool IsTyping, byte[] Json);
}

/// <summary>Why the server closed a WebSocket stream.</summary>
internal enum StreamCloseReason
{
    /// <summary>The client connected again; the newer socket wins.</summary>
    Collision,

    /// <summary>The client did not read fast enough; it reconnects with its watermark and loses nothing.</summary>
    Overflow,

    /// <summary>The conversation expired or was removed.</summary>
    Ended,
}

/// <summary>One live WebSocket subscriber of a <see cref="DirectLineConversation"/>: ActivitySet frames to send.</summary>
internal sealed class DirectLineSubscription
{
    private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(DirectLineConversation.SubscriberBacklog) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public DirectLineSubscription(byte[]? backlog)
    {
        Backlog = backlog;
    }

    /// <summary>The first frame: what the client missed since its watermark; null when nothing.</summary>
    public byte[]? Backlog { get; }

    public ChannelReader<byte[]> Frames => _frames.Reader;

    private int _closed;

    public StreamCloseReason? CloseReason { get; private set; }

    /// <summary>Queues a frame; false (and the subscription closed as overflowing) when the client is too far behind.</summary>
    public bool TryPush(byte[] frame)
    {
        if (_frames.Writer.TryWrite(frame))
        {
            return true;
        }

        Close(StreamCloseReason.Overflow);
        return false;
    }

    public void Close(StreamCloseReason reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            CloseReason = reason;
            _frames.Writer.TryComplete();
        }
    }
}
