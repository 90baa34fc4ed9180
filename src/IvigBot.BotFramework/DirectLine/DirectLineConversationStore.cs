using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>The outcome of <see cref="DirectLineConversationStore.TryStart"/>.</summary>
public enum ConversationStart
{
    /// <summary>A new conversation was created.</summary>
    Started,

    /// <summary>The conversation already existed (the same token started it before).</summary>
    Existing,

    /// <summary>The store holds <see cref="DirectLineOptions.MaxConversations"/> active conversations: refused.</summary>
    Full,

    /// <summary>
    /// The client already has <see cref="DirectLineOptions.MaxConversationsPerClient"/> live conversations: refused, so
    /// that one client cannot fill the store for everyone else.
    /// </summary>
    ClientLimit,
}

/// <summary>
/// The bounded in-memory store of Direct Line conversations. At most <see cref="DirectLineOptions.MaxConversations"/>
/// are held, and at most <see cref="DirectLineOptions.MaxConversationsPerClient"/> for any one client; a conversation nobody used for <see cref="DirectLineOptions.ConversationIdleTimeout"/> is dropped, on
/// access and by a periodic sweep, and its WebSocket closed. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class DirectLineConversationStore : IDisposable
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly object _startGate = new();
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DirectLineConversationStore> _logger;
    private readonly ITimer _sweepTimer;

    public DirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider timeProvider, ILogger<DirectLineConversationStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        var period = TimeSpan.FromTicks(Math.Min(_options.ConversationIdleTimeout.Ticks / 2, TimeSpan.FromMinutes(1).Ticks));
        _sweepTimer = _timeProvider.CreateTimer(_ => RemoveIdle(), null, period, period);
    }

    /// <summary>How many conversations are held now (idle ones included until the next sweep).</summary>
    public int Count => _conversations.Count;

    /// <summary>The most conversations held at once (<see cref="DirectLineOptions.MaxConversations"/>).</summary>
    public int MaxConversations => _options.MaxConversations;

    /// <summary>True when a new conversation could be started now (idle ones are dropped first when needed).</summary>
    public bool HasRoom()
    {
        if (_conversations.Count < _options.MaxConversations)
        {
            return true;
        }

        RemoveIdle();
        return _conversations.Count < _options.MaxConversations;
    }

    /// <summary>
    /// Starts conversation <paramref name="id"/> for <paramref name="userId"/>, or finds it when it is already
    /// running. Refuses when the store is full (<see cref="ConversationStart.Full"/>) or when <paramref name="client"/>
    /// already has its share (<see cref="ConversationStart.ClientLimit"/>), even after dropping idle ones. A null
    /// <paramref name="client"/> (a tool on this machine) has no per-client cap.
    /// </summary>
    public ConversationStart TryStart(string id, string userId, string? locale, string? client, out DirectLineConversation? conversation)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (TryGet(id, out conversation))
        {
            return ConversationStart.Existing;
        }

        lock (_startGate)
        {
            if (TryGet(id, out conversation))
            {
                return ConversationStart.Existing;
            }

            if (!HasRoom())
            {
                LogFull(_logger, _options.MaxConversations);
                return ConversationStart.Full;
            }

            if (client is not null && _options.MaxConversationsPerClient > 0 && !ClientHasRoom(client))
            {
                LogClientLimit(_logger, _options.MaxConversationsPerClient);
                return ConversationStart.ClientLimit;
            }

            conversation = new DirectLineConversation(id, userId, locale, client, _timeProvider.GetUtcNow(), _options.MaxActivitiesPerConversation);
            _conversations[id] = conversation;
            return ConversationStart.Started;
        }
    }

    /// <summary>
    /// Finds a live conversation and marks it as used now. An idle-expired conversation is dropped and not found.
    /// </summary>
    public bool TryGet(string id, [NotNullWhen(true)] out DirectLineConversation? conversation)
    {
        var now = _timeProvider.GetUtcNow();
        if (_conversations.TryGetValue(id, out conversation))
        {
            if (IsIdle(conversation, now))
            {
                Remove(conversation);
            }
            else
            {
                conversation.Touch(now);
                return true;
            }
        }

        conversation = null;
        return false;
    }

    /// <summary>Drops every conversation idle for longer than the timeout; returns how many.</summary>
    public int RemoveIdle()
    {
        var now = _timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var conversation in _conversations.Values)
        {
            if (IsIdle(conversation, now) && Remove(conversation))
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            LogRemovedIdle(_logger, removed, _conversations.Count);
        }

        return removed;
    }

    public void Dispose()
    {
        _sweepTimer.Dispose();
        foreach (var conversation in _conversations.Values)
        {
            conversation.End();
        }

        _conversations.Clear();
    }

    private bool ClientHasRoom(string client)
    {
        if (LiveConversationsOf(client) < _options.MaxConversationsPerClient)
        {
            return true;
        }

        RemoveIdle();
        return LiveConversationsOf(client) < _options.MaxConversationsPerClient;
    }

    // A scan of at most MaxConversations entries, under the start gate: always exact, with no count to keep in step.
    private int LiveConversationsOf(string client) =>
        _conversations.Values.Count(c => string.Equals(c.Client, client, StringComparison.Ordinal));

    private bool IsIdle(DirectLineConversation conversation, DateTimeOffset now) =>
        now - conversation.LastSeen > _options.ConversationIdleTimeout;

    private bool Remove(DirectLineConversation conversation)
    {
        if (!_conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
        {
            return false;
        }

        conversation.End();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line store is full ({MaxConversations} conversations): a new conversation was refused")]
    private static partial void LogFull(ILogger logger, int maxConversations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A client already has {MaxConversationsPerClient} live Direct Line conversations: another was refused")]
    private static partial void LogClientLimit(ILogger logger, int maxConversationsPerClient);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped {Removed} idle Direct Line conversation(s); {Remaining} remain")]
    private static partial void LogRemovedIdle(ILogger logger, int removed, int remaining);
}
