using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace IvigBot.Tests.Reliability;

/// <summary>
/// At least 10,000 hostile requests to every <see cref="FuzzTargets.All"/> endpoint of the real host on a loopback port:
/// never a 5xx, never a hang, never the patient's text echoed into a reply, and a normal question still answered
/// correctly afterwards. The seed is printed; set IVIGBOT_FUZZ_SEED to replay a failure. A hang is a request that gets
/// no answer within <see cref="RequestLimit"/>; how long the whole run takes is not checked, since it depends on how
/// busy the machine is (timings belong in the benchmarks).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int Workers = 6;
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ten_thousand_mutated_requests_get_no_server_error_and_the_service_still_answers()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("IVIGBOT_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        output.WriteLine($"fuzz seed {seed} (replay with IVIGBOT_FUZZ_SEED={seed})");

        using var host = new ReliabilityHost();
        using var client = host.StartKestrel();
        var endpoints = new Dictionary<FuzzTarget, FuzzEndpoint>();
        foreach (var target in FuzzTargets.All)
        {
            using var opening = new CancellationTokenSource(RequestLimit);
            endpoints[target] = await target.OpenAsync(client, opening.Token);
        }

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var sent = 0;
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed + worker);
            var mutator = new RequestMutator(random);
            for (var i = worker; i < Requests && failures.IsEmpty; i += Workers)
            {
                var target = FuzzTargets.All[i % FuzzTargets.All.Count];
                var request = mutator.Next(target);
                var problem = await SendAsync(client, endpoints[target], request, statuses);
                Interlocked.Increment(ref sent);
                if (problem is not null)
                {
                    failures.Enqueue($"seed {seed}, worker {worker}, request {i} to {target} ({request.Kind}): {problem}\n  body: {request.Excerpt}");
                }
            }
        })).ToList();

        await Task.WhenAll(workers);
        output.WriteLine($"sent {sent}: " + string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.True(sent >= Requests, $"only {sent} requests were sent");

        foreach (var target in FuzzTargets.All)
        {
            await target.VerifyAsync(client, endpoints[target], CancellationToken.None);
        }
    }

    /// <summary>Sends one request; returns what is wrong with the answer (a hang included), or null.</summary>
    private static async Task<string?> SendAsync(
        HttpClient client,
        FuzzEndpoint endpoint,
        MutatedRequest request,
        ConcurrentDictionary<string, int> statuses)
    {
        using var limit = new CancellationTokenSource(RequestLimit);
        try
        {
            return await SendWithinAsync(client, endpoint, request, statuses, limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            return $"no answer within {RequestLimit.TotalSeconds} s";
        }
    }

    private static async Task<string?> SendWithinAsync(
        HttpClient client,
        FuzzEndpoint endpoint,
        MutatedRequest request,
        ConcurrentDictionary<string, int> statuses,
        CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint.Path) { Content = new ByteArrayContent(request.Body) };
        if (request.ContentType is not null)
        {
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        message.Headers.Authorization = endpoint.Authorization;
        using var response = await client.SendAsync(message, cancellationToken);
        var status = (int)response.StatusCode;
        statuses.AddOrUpdate(status.ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (status >= 500)
        {
            return $"status {status}: {body}";
        }

        if (status is 400 or 404 or 413 && body.Length == 0)
        {
            return $"status {status} without a reason";
        }

        if (status != 200 || body.Length == 0)
        {
            return null;
        }

        // The replies a user reads must never carry their own text back unescaped (Markdown and HTML are rendered).
        foreach (var text in ReplyTexts(body))
        {
            if (text.Contains(request.Marker, StringComparison.Ordinal))
            {
                return $"a reply repeats the user's text: {text[..Math.Min(200, text.Length)]}";
            }
        }

        return null;
    }

    private static IEnumerable<string> ReplyTexts(string body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            yield break;
        }

        if (node?["activities"] is JsonArray activities)
        {
            foreach (var activity in activities.OfType<JsonObject>())
            {
                if (activity["text"] is JsonValue text && text.TryGetValue<string>(out var value))
                {
                    yield return value;
                }

                foreach (var action in activity["suggestedActions"]?["actions"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    yield return (string?)action["title"] ?? string.Empty;
                }
            }
        }
        else if (node?["text"] is JsonValue text && text.TryGetValue<string>(out var value))
        {
            yield return value;
        }
    }
}
