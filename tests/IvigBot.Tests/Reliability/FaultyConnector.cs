using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvigBot.Tests.Reliability;

/// <summary>What the connector does with one POST.</summary>
public enum ConnectorFault
{
    /// <summary>200 with an id, as the Emulator answers.</summary>
    None,

    /// <summary>500 Internal Server Error.</summary>
    ServerError,

    /// <summary>429 Too Many Requests with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,

    /// <summary>Never answers (until the bot gives up on the attempt).</summary>
    Hang,

    /// <summary>Drops the connection without an answer.</summary>
    Drop,

    /// <summary>Answers 307 Temporary Redirect to <see cref="FaultyConnector.RedirectTo"/>, keeping the path.</summary>
    Redirect,
}

/// <summary>
/// A Bot Framework connector on http://127.0.0.1 (random port) that misbehaves on cue: each conversation has a script
/// of faults, one per POST, then answers normally. Records every attempt and every activity it accepted.
/// </summary>
public sealed class FaultyConnector : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ConnectorFault>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectorFault> _always = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string ConversationId, ConnectorFault Fault)> _attempts = new();
    private readonly ConcurrentQueue<(string ConversationId, JsonObject Activity)> _accepted = new();
    private WebApplication? _app;

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Where <see cref="ConnectorFault.Redirect"/> sends the caller (another connector, say).</summary>
    public Uri? RedirectTo { get; set; }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", HandleAsync);
        await _app.StartAsync();
        ServiceUrl = LoopbackServer.AddressOf(_app.Services);
    }

    /// <summary>The next POSTs to <paramref name="conversationId"/> fail like this, in order; later ones succeed.</summary>
    public void Script(string conversationId, params ConnectorFault[] faults) => _scripts[conversationId] = new ConcurrentQueue<ConnectorFault>(faults);

    /// <summary>Every POST to <paramref name="conversationId"/> fails like this.</summary>
    public void Always(string conversationId, ConnectorFault fault) => _always[conversationId] = fault;

    public IReadOnlyList<ConnectorFault> AttemptsTo(string conversationId) =>
        _attempts.Where(a => a.ConversationId == conversationId).Select(a => a.Fault).ToList();

    public IReadOnlyList<JsonObject> AcceptedFor(string conversationId) =>
        _accepted.Where(a => a.ConversationId == conversationId).Select(a => a.Activity).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context, string conversationId)
    {
        var fault = _always.TryGetValue(conversationId, out var always) ? always
            : _scripts.TryGetValue(conversationId, out var script) && script.TryDequeue(out var next) ? next
            : ConnectorFault.None;
        _attempts.Enqueue((conversationId, fault));
        switch (fault)
        {
            case ConnectorFault.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case ConnectorFault.TooManyRequests:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            case ConnectorFault.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The bot gave up on this attempt.
                }

                return;
            case ConnectorFault.Drop:
                context.Abort();
                return;
            case ConnectorFault.Redirect:
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = new Uri(RedirectTo!, context.Request.Path.ToString()).ToString();
                return;
        }

        var activity = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        _accepted.Enqueue((conversationId, activity!));
        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = Guid.NewGuid().ToString() });
    }
}
