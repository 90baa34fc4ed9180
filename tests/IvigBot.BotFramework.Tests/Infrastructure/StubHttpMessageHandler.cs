using System.Collections.Concurrent;

namespace IvigBot.BotFramework.Tests.Infrastructure;

/// <summary>An in-memory channel: answers each request with the next scripted response and records what it got.</summary>
internal sealed class StubHttpMessageHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> _respond;

    public StubHttpMessageHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _respond = respond;
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers the scripted statuses in order, then the last one forever.</summary>
    public static StubHttpMessageHandler Sequence(params Func<HttpResponseMessage>[] responses)
    {
        var index = -1;
        return new StubHttpMessageHandler((_, _) =>
        {
            var i = Math.Min(Interlocked.Increment(ref index), responses.Length - 1);
            return Task.FromResult(responses[i]());
        });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            body);
        Requests.Enqueue(recorded);
        return await _respond(recorded, cancellationToken);
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string Body);

internal sealed class StubHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
