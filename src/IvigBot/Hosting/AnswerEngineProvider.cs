using IvigBot.Answering;
using IvigBot.Content;
using Microsoft.Extensions.Options;

namespace IvigBot.Hosting;

/// <summary>
/// Owns the current <see cref="AnswerEngine"/>, built from the content folder at start-up. Content problems
/// are logged with file and line; whatever is valid is still served.
/// </summary>
public sealed partial class AnswerEngineProvider : IDisposable
{
    private readonly ILogger<AnswerEngineProvider> _logger;
    private volatile AnswerEngine _engine;

    public AnswerEngineProvider(IOptions<FaqOptions> faq, IOptions<AnsweringOptions> answering, ILogger<AnswerEngineProvider> logger)
    {
        _logger = logger;
        var folder = faq.Value.ResolvePath();
        var content = FaqContentLoader.Load(folder);
        foreach (var problem in content.Problems)
        {
            LogProblem(problem.Location.File, problem.Location.Line, problem.Severity, problem.Message);
        }

        _engine = new AnswerEngine(content, answering.Value);
        var entries = content.Entries.Count();
        var passages = content.Passages.Count();
        LogLoaded(entries, passages, folder, _engine.Index.BuildTime.TotalMilliseconds);
    }

    public AnswerEngine Engine => _engine;

    public void Dispose() => _engine.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content problem in {File}:{Line} ({Severity}): {Problem}")]
    private partial void LogProblem(string file, int line, ProblemSeverity severity, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Entries} entries and {Passages} passages from {Folder}; index built in {ElapsedMs:F0} ms")]
    private partial void LogLoaded(int entries, int passages, string folder, double elapsedMs);
}
