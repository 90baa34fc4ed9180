using System.Security.Cryptography;
using System.Text;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Semantic;
using Microsoft.Extensions.Options;

namespace IvigBot.Hosting;

/// <summary>What the service is answering from: the content version, when it was loaded and the last reload's outcome.</summary>
/// <param name="Version">1 at start-up, plus one per applied reload.</param>
/// <param name="LoadedAt">When the content being served was loaded.</param>
/// <param name="Documents">Entries and passages in the index being served.</param>
/// <param name="Problems">Problems (errors and warnings) in the content being served.</param>
/// <param name="RejectedAt">When a content change was last refused; null if none was since the last applied one.</param>
/// <param name="RejectedProblems">How many problems the refused change had.</param>
public sealed record ContentStatus(int Version, DateTimeOffset LoadedAt, int Documents, int Problems, DateTimeOffset? RejectedAt, int RejectedProblems);

/// <summary>The outcome of one reload: applied (the new content is being served) or refused (the old one still is).</summary>
public sealed class ContentReloadedEventArgs(bool applied, ContentStatus status, IReadOnlyList<ContentProblem> problems) : EventArgs
{
    public bool Applied { get; } = applied;

    public ContentStatus Status { get; } = status;

    /// <summary>The problems found in the content that was read (for a refused reload: why).</summary>
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}

/// <summary>The content cannot be served safely; the service does not start. The message names the files and lines.</summary>
public sealed class ContentNotServableException(string message) : Exception(message);

/// <summary>
/// Owns the current <see cref="AnswerEngine"/>, built from the content folder at start-up. Content problems are
/// logged with file and line; whatever is valid is still served, except that content with no entries, no emergency
/// rules or a broken triage rule stops the start-up with <see cref="ContentNotServableException"/>. With <see cref="FaqOptions.ReloadOnChange"/> the
/// folder is watched (file-system notifications, plus polling in case they are missed): after an edit a new engine is
/// built in the background and swapped in with one reference assignment. Requests already running finish on the old
/// engine, which is disposed a while later. A change that has more errors than the content being served, or that
/// loses every entry or every emergency rule, is refused: the last good content keeps serving and the problems are
/// logged with file and line until a later edit fixes them.
/// </summary>
public sealed partial class AnswerEngineProvider : IDisposable
{
    /// <summary>How long a replaced engine is kept for requests still using it before it is disposed.</summary>
    public static readonly TimeSpan RetireDelay = TimeSpan.FromSeconds(30);

    private readonly ILogger<AnswerEngineProvider> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly AnsweringOptions _answering;
    private readonly FaqOptions _faq;
    private readonly string _folder;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Lock _reloadLock = new();
    private readonly Lock _retiringLock = new();
    private readonly List<AnswerEngine> _retiring = [];
    private readonly FileSystemWatcher? _watcher;
    private readonly Task _watching = Task.CompletedTask;
    private volatile Snapshot _current;
    private volatile ContentStatus _status;
    private string _lastSeenFingerprint;
    private bool _disposed;

    public AnswerEngineProvider(
        IOptions<FaqOptions> faq,
        IOptions<AnsweringOptions> answering,
        TimeProvider timeProvider,
        ILogger<AnswerEngineProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(faq);
        ArgumentNullException.ThrowIfNull(answering);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _faq = faq.Value;
        _answering = answering.Value;
        _folder = _faq.ResolvePath();

        if (_answering.Semantic)
        {
            _ = SentenceEmbedder.Preload(_answering.QuantizedModel); // the model loads while the content is read and indexed
        }

        _lastSeenFingerprint = Fingerprint(_folder);
        var content = FaqContentLoader.Load(_folder);
        LogProblems(content.Problems);
        if (NotServable(content) is { } reason)
        {
            // Fail closed on safety: the triage rules catch emergencies before any search, so content without them,
            // with one of them broken, or with nothing to answer from, never starts (hot reload refuses the same).
            var message = NotServableMessage(_folder, reason, content.Problems);
            LogNotServable(message);
            throw new ContentNotServableException(message);
        }

        var engine = new AnswerEngine(content, _answering);
        _current = new Snapshot(engine, new TriageMatcher(content.TriageRules), Counts.Of(content));
        _status = new ContentStatus(1, _timeProvider.GetUtcNow(), engine.Index.Documents.Count, content.Problems.Count, null, 0);
        var entries = content.Entries.Count();
        var passages = content.Passages.Count();
        LogLoaded(entries, passages, _folder, engine.Index.BuildTime.TotalMilliseconds);

        if (_faq.ReloadOnChange)
        {
            _watcher = StartWatcher();
            _watching = Task.Run(() => WatchAsync(_stopping.Token));
        }
    }

    /// <summary>The engine to answer with. Take it once per request and use that reference for the whole request.</summary>
    public AnswerEngine Engine => _current.Engine;

    /// <summary>The triage rules of the content being served (the same rules <see cref="Engine"/> checks first).</summary>
    public TriageMatcher Triage => _current.Triage;

    public ContentStatus Status => _status;

    /// <summary>Raised after each reload attempt, applied or refused, on a background thread.</summary>
    public event EventHandler<ContentReloadedEventArgs>? Reloaded;

    /// <summary>Reads the content folder now and swaps the new engine in if the content is acceptable.</summary>
    /// <returns>True when the new content is being served.</returns>
    public Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => Reload(Fingerprint(_folder)), cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        lock (_reloadLock)
        {
            _disposed = true;
        }

        _stopping.Cancel();
        _watcher?.Dispose();
        try
        {
            _watching.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; nothing else can escape it.
        }

        lock (_retiringLock)
        {
            foreach (var engine in _retiring)
            {
                engine.Dispose();
            }

            _retiring.Clear();
        }

        _current.Engine.Dispose();
        _stopping.Dispose();
        _changed.Dispose();
    }

    private bool Reload(string fingerprint)
    {
        lock (_reloadLock)
        {
            return _disposed ? false : ReloadLocked(fingerprint);
        }
    }

    private bool ReloadLocked(string fingerprint)
    {
        _lastSeenFingerprint = fingerprint;
        var started = _timeProvider.GetTimestamp();
        FaqContent content;
        try
        {
            content = FaqContentLoader.Load(_folder);
        }
#pragma warning disable CA1031 // Whatever goes wrong reading an edit, the last good content keeps serving.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReloadFailed(ex, _folder);
            return Refuse([]);
        }

        var counts = Counts.Of(content);
        var served = _current.Counts;
        if (counts.Errors > served.Errors || counts.Entries == 0 || (counts.EmergencyRules == 0 && served.EmergencyRules > 0))
        {
            LogProblems(content.Problems);
            LogRefused(counts.Errors, served.Errors, counts.Entries, counts.EmergencyRules, _status.Version);
            return Refuse(content.Problems);
        }

        AnswerEngine engine;
        try
        {
            engine = new AnswerEngine(content, _answering);
        }
#pragma warning disable CA1031 // As above: a failed build never takes down the content being served.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReloadFailed(ex, _folder);
            return Refuse(content.Problems);
        }

        LogProblems(content.Problems);
        var old = _current;
        _current = new Snapshot(engine, new TriageMatcher(content.TriageRules), counts);
        var status = new ContentStatus(_status.Version + 1, _timeProvider.GetUtcNow(), engine.Index.Documents.Count, content.Problems.Count, null, 0);
        _status = status;
        Retire(old.Engine);
        var passages = content.Passages.Count();
        var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
        LogReloaded(status.Version, counts.Entries, passages, content.Problems.Count, elapsedMs);
        Reloaded?.Invoke(this, new ContentReloadedEventArgs(true, status, content.Problems));
        return true;
    }

    /// <summary>Why <paramref name="content"/> must not be served, or null when it may.</summary>
    private static string? NotServable(FaqContent content)
    {
        var counts = Counts.Of(content);
        if (counts.Entries == 0)
        {
            return "it has no FAQ entries";
        }

        if (counts.EmergencyRules == 0)
        {
            return "it has no emergency rules (faq/triage.md)";
        }

        return content.Problems.Any(p => p.Severity == ProblemSeverity.Error && p.Location.File == FaqContentLoader.TriageFile)
            ? "a rule in faq/triage.md is broken, so some emergencies or requests for personal advice would not be recognised"
            : null;
    }

    private static string NotServableMessage(string folder, string reason, IReadOnlyList<ContentProblem> problems)
    {
        var message = new StringBuilder()
            .Append("IvigBot did not start: the content in '").Append(folder).Append("' is not safe to serve: ").Append(reason).Append('.');
        foreach (var problem in problems.Where(p => p.Severity == ProblemSeverity.Error).Take(20))
        {
            message.AppendLine().Append("  ").Append(problem.Location.File).Append(':').Append(problem.Location.Line).Append(": ").Append(problem.Message);
        }

        return message.AppendLine()
            .Append("Fix the content (the 'check' command lists every problem with its file and line), or set Faq:Path to the content folder, and start again.")
            .ToString();
    }

    private bool Refuse(IReadOnlyList<ContentProblem> problems)
    {
        var status = _status with { RejectedAt = _timeProvider.GetUtcNow(), RejectedProblems = problems.Count };
        _status = status;
        Reloaded?.Invoke(this, new ContentReloadedEventArgs(false, status, problems));
        return false;
    }

    /// <summary>Disposes <paramref name="engine"/> after <see cref="RetireDelay"/>, when no request can still be using it.</summary>
    private void Retire(AnswerEngine engine)
    {
        lock (_retiringLock)
        {
            _retiring.Add(engine);
        }

        _ = Task.Delay(RetireDelay, _timeProvider, _stopping.Token).ContinueWith(
            _ =>
            {
                lock (_retiringLock)
                {
                    if (_retiring.Remove(engine))
                    {
                        engine.Dispose();
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private FileSystemWatcher? StartWatcher()
    {
        if (!Directory.Exists(_folder))
        {
            return null;
        }

        try
        {
            var watcher = new FileSystemWatcher(_folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnChanged;
            watcher.Error += (_, _) => Signal();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
        {
            // E.g. the inotify instance limit: polling alone still picks up edits.
            LogWatcherUnavailable(ex, _folder, _faq.ReloadPollInterval.TotalSeconds);
            return null;
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Signal();

    private void Signal()
    {
        if (!_stopping.IsCancellationRequested && _changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (ObjectDisposedException)
            {
                // Stopping.
            }
        }
    }

    /// <summary>Waits for a notification or the poll interval; when the folder changed, waits until it is quiet, then reloads.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.WhenAny(_changed.WaitAsync(cancellationToken), Task.Delay(_faq.ReloadPollInterval, _timeProvider, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var fingerprint = Fingerprint(_folder);
                if (fingerprint == _lastSeenFingerprint)
                {
                    continue;
                }

                // Debounce: an editor may save in several steps, and a copy may still be running.
                while (true)
                {
                    await Task.Delay(_faq.ReloadDelay, _timeProvider, cancellationToken).ConfigureAwait(false);
                    while (_changed.CurrentCount > 0)
                    {
                        await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    var settled = Fingerprint(_folder);
                    if (settled == fingerprint)
                    {
                        break;
                    }

                    fingerprint = settled;
                }

                Reload(fingerprint);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // The watcher must never crash the host; it logs and stops watching.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWatcherFailed(ex, _folder);
        }
    }

    /// <summary>Every file's relative path, size and last write time, hashed: changes when any content file does.</summary>
    private static string Fingerprint(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        try
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                text.Append(Path.GetRelativePath(folder, file.FullName)).Append('\t')
                    .Append(file.Length).Append('\t')
                    .Append(file.LastWriteTimeUtc.Ticks).Append('\n');
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file vanished while listing: report a change, the next look settles it.
            return Guid.NewGuid().ToString();
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private void LogProblems(IReadOnlyList<ContentProblem> problems)
    {
        foreach (var problem in problems)
        {
            LogProblem(problem.Location.File, problem.Location.Line, problem.Severity, problem.Message);
        }
    }

    /// <summary>The engine, the triage rules it was built with, and what the content held: swapped as one reference.</summary>
    private sealed record Snapshot(AnswerEngine Engine, TriageMatcher Triage, Counts Counts);

    private readonly record struct Counts(int Errors, int Entries, int EmergencyRules)
    {
        public static Counts Of(FaqContent content) => new(
            content.Problems.Count(p => p.Severity == ProblemSeverity.Error),
            content.Entries.Count(),
            content.TriageRules.Count(r => r.Kind == TriageKind.Emergency));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private partial void LogNotServable(string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content problem in {File}:{Line} ({Severity}): {Problem}")]
    private partial void LogProblem(string file, int line, ProblemSeverity severity, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Entries} entries and {Passages} passages from {Folder}; index built in {ElapsedMs:F0} ms")]
    private partial void LogLoaded(int entries, int passages, string folder, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded content (version {Version}): {Entries} entries, {Passages} passages, {Problems} problem(s), in {ElapsedMs:F0} ms")]
    private partial void LogReloaded(int version, int entries, int passages, int problems, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Content change not applied: it has {Errors} error(s) (the content being served has {ServedErrors}), {Entries} entries and {EmergencyRules} emergency rules. Still serving version {Version}; fix the problems listed above")]
    private partial void LogRefused(int errors, int servedErrors, int entries, int emergencyRules, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not reload the content in {Folder}; the last good content keeps serving")]
    private partial void LogReloadFailed(Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes; checking it every {PollSeconds} s instead")]
    private partial void LogWatcherUnavailable(Exception exception, string folder, double pollSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopped watching {Folder} for content changes")]
    private partial void LogWatcherFailed(Exception exception, string folder);
}
