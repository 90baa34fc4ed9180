using System.Collections.Concurrent;
using System.Text;

namespace IvigBot.Answering;

/// <summary>
/// A bounded cache of answers, keyed on the normalised question (<see cref="Normalize"/>): real FAQ traffic repeats
/// itself. It belongs to one <see cref="AnswerEngine"/>, so a content reload, which builds a new engine, starts empty.
/// Two generations of at most half the capacity each: a lookup checks the current generation, then the previous one
/// (and moves a hit forward); when the current one is full it becomes the previous one and the oldest is dropped.
/// Reads take no lock. Thread-safe.
/// </summary>
public sealed class AnswerCache
{
    /// <summary>Questions longer than this (after normalising) are answered but not cached: they rarely repeat.</summary>
    public const int MaxKeyLength = 512;

    private readonly int _generationSize;
    private readonly Lock _rotateLock = new();
    private volatile ConcurrentDictionary<string, AnswerResult> _current;
    private volatile ConcurrentDictionary<string, AnswerResult> _previous;

    /// <param name="capacity">At most this many answers are kept (at least 2).</param>
    public AnswerCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Capacity = capacity;
        _generationSize = capacity / 2;
        _current = new ConcurrentDictionary<string, AnswerResult>(StringComparer.Ordinal);
        _previous = new ConcurrentDictionary<string, AnswerResult>(StringComparer.Ordinal);
    }

    public int Capacity { get; }

    /// <summary>How many answers are cached now (never more than <see cref="Capacity"/>).</summary>
    public int Count => _current.Count + _previous.Count;

    /// <summary>
    /// The cached answer for <paramref name="question"/>, or <paramref name="answer"/>'s result, cached. Two threads
    /// asking the same new question at once may both compute it; both get an identical result.
    /// </summary>
    public AnswerResult GetOrAdd<TState>(string question, TState state, Func<string, TState, AnswerResult> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (TryGet(question, out var key, out var cached))
        {
            return cached;
        }

        var result = answer(question, state);
        Add(key, result);
        return result;
    }

    /// <summary>
    /// The cached answer for <paramref name="question"/>, if there is one; otherwise its key (null for a question too
    /// long to cache), to <see cref="Add(string?, AnswerResult)"/> its answer with once it is worked out (as
    /// <see cref="GetOrAdd"/> does, for callers that work it out asynchronously).
    /// </summary>
    public bool TryGet(string question, out string? key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AnswerResult? cached)
    {
        ArgumentNullException.ThrowIfNull(question);
        key = Normalize(question);
        cached = null;
        if (key.Length > MaxKeyLength)
        {
            key = null;
            return false;
        }

        if (_current.TryGetValue(key, out cached))
        {
            return true;
        }

        if (_previous.TryGetValue(key, out cached))
        {
            Add(key, cached);
            return true;
        }

        return false;
    }

    /// <summary>Caches <paramref name="result"/> under <paramref name="key"/> from <see cref="TryGet"/> (nothing for a null key).</summary>
    public void Add(string? key, AnswerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (key is null)
        {
            return;
        }

        var current = _current;
        current[key] = result;
        if (current.Count < _generationSize)
        {
            return;
        }

        lock (_rotateLock)
        {
            if (ReferenceEquals(current, _current) && current.Count >= _generationSize)
            {
                _previous = current;
                _current = new ConcurrentDictionary<string, AnswerResult>(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// The cache key: the question in lower case, trimmed, with each run of spaces and tabs as one space and each run
    /// of white space holding a line feed as one line feed (line feeds end sentences and clauses, so they are kept). Only
    /// differences the answer engine ignores are removed, so two questions with one key get the same answer.
    /// </summary>
    public static string Normalize(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question.AsSpan().Trim();
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingBreak = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingBreak |= c == '\n';
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(pendingBreak ? '\n' : ' ');
                pendingSpace = pendingBreak = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
