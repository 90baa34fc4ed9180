using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvigBot.Tests.Bots;

/// <summary>
/// The real IvigBot host on a loopback port (Kestrel, anonymous Bot Framework settings) and an
/// <see cref="EmulatorConnector"/> receiving its replies. Tests share one instance but each uses its own conversation
/// id, so none depends on another's data or order.
/// </summary>
public sealed class BotServiceFixture : IAsyncLifetime, IDisposable
{
    private readonly BotHostFactory _factory = new();

    public EmulatorConnector Connector { get; } = new();

    /// <summary>An HttpClient for the bot's real address (http://127.0.0.1:port).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Every log message the host wrote, formatted, with its structured values.</summary>
    public IReadOnlyCollection<RecordedLog> Logs => _factory.Logs.Entries;

    public async Task InitializeAsync()
    {
        await Connector.StartAsync();
        Client = new HttpClient { BaseAddress = LoopbackServer.Start(_factory) };
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Connector.DisposeAsync();
    }

    public void Dispose()
    {
        Client?.Dispose();
        _factory.Dispose();
    }

    /// <summary>Posts <paramref name="activity"/> to <c>/api/messages</c> as the Emulator does (no Authorization header).</summary>
    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity) => PostRawAsync(activity.ToJsonString());

    public Task<HttpResponseMessage> PostRawAsync(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
    }

    /// <summary>An Emulator-shaped activity from the user to the bot in conversation <paramref name="conversationId"/>.</summary>
    public JsonObject Activity(string type, string conversationId) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "emulator",
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["from"] = new JsonObject { ["id"] = EmulatorUserId, ["name"] = "User", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = EmulatorBotId, ["name"] = "Bot", ["role"] = "bot" },
        ["locale"] = "en-US",
        ["serviceUrl"] = Connector.ServiceUrl.ToString().TrimEnd('/'),
        ["timestamp"] = "2025-03-10T09:01:40.000Z",
        ["localTimestamp"] = "2025-03-10T10:01:40+01:00",
    };

    public const string EmulatorUserId = "0b6e2c1e-8f3a-4a8e-9d55-2b1f6c7a9e01";
    public const string EmulatorBotId = "b7f3e0a0-d2c1-11ef-9e2b-0d7c1a2b3c4d";

    /// <summary>A fresh Emulator-style conversation id (contains <c>|</c>, so reply URLs must encode it).</summary>
    public static string NewConversationId() => $"{Guid.NewGuid()}|livechat";

    private sealed class BotHostFactory : WebApplicationFactory<Program>
    {
        public RecordingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // The repository's own appsettings.json, as `dotnet run` from the repository root reads it.
            builder.UseContentRoot(RepositoryRoot());

            // Anonymous (Emulator without credentials), whatever the machine's environment says.
            builder.UseSetting("MicrosoftAppType", "MultiTenant");
            builder.UseSetting("MicrosoftAppId", string.Empty);
            builder.UseSetting("MicrosoftAppPassword", string.Empty);
            builder.UseSetting("MicrosoftAppTenantId", string.Empty);
            // A rule for this provider beats appsettings.json's Default level: the tests see Debug logs (e.g. "Answered").
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug).AddFilter<RecordingLoggerProvider>(null, LogLevel.Debug));
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IvigBot.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("IvigBot.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

/// <summary>One log entry: the formatted message and the template's named values.</summary>
public sealed record RecordedLog(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values);

/// <summary>Keeps every log entry in memory so tests can check what is (and is not) logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> _entries = new();

    public IReadOnlyCollection<RecordedLog> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<RecordedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Copied now: some states (ASP.NET Core's request logs) read the request lazily and fail once it is over.
            IReadOnlyList<KeyValuePair<string, object?>> values = [];
            if (category.StartsWith("IvigBot", StringComparison.Ordinal) && state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                values = [.. pairs];
            }

            entries.Enqueue(new RecordedLog(category, logLevel, formatter(state, exception), values));
        }
    }
}
