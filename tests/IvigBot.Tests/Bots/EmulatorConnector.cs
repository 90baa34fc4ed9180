using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvigBot.Tests.Bots;

/// <summary>One activity the bot posted to the connector, with the raw (still percent-encoded) request path.</summary>
public sealed record ConnectorPost(string Path, JsonObject Activity)
{
    public string? Type => (string?)Activity["type"];

    public string? Text => (string?)Activity["text"];
}

/// <summary>
/// Plays the Bot Framework Emulator's connector on http://127.0.0.1 (random port): accepts
/// <c>POST /v3/conversations/{id}/activities[/{replyToId}]</c>, records each activity and answers
/// <c>200 {"id":"..."}</c>, as the Emulator does.
/// </summary>
public sealed class EmulatorConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<ConnectorPost> _posts = new();
    private WebApplication? _app;

    public Uri ServiceUrl { get; private set; } = null!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", RecordAsync);
        await _app.StartAsync();
        ServiceUrl = LoopbackServer.AddressOf(_app.Services);
    }

    /// <summary>What the bot posted to conversation <paramref name="conversationId"/>, in arrival order.</summary>
    public IReadOnlyList<ConnectorPost> PostsTo(string conversationId)
    {
        var prefix = $"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        return _posts.Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> RecordAsync(HttpRequest request)
    {
        var activity = await JsonNode.ParseAsync(request.Body) as JsonObject;
        if (activity is null)
        {
            return Results.BadRequest();
        }

        var feature = request.HttpContext.Features.Get<IHttpRequestFeature>()!;
        _posts.Enqueue(new ConnectorPost(feature.RawTarget, activity));
        return Results.Json(new JsonObject { ["id"] = Guid.NewGuid().ToString() });
    }
}
