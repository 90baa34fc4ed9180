using System.Text.Json.Nodes;
using IvigBot.Insights;
using IvigBot.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;

namespace IvigBot.Tests.Insights;

/// <summary>What the store tests do with a running host: talk to the bot, wait for the writer.</summary>
public static class InsightsHost
{
    public const string Messages = "/api/messages";

    /// <summary>Sends a typed message (expectReplies) and returns the bot's message replies.</summary>
    public static async Task<List<JsonObject>> AskAsync(HttpClient client, string text, string conversationId)
    {
        using var response = await client.PostAsync(Messages, ReliabilityHost.Json(ReliabilityHost.ExpectRepliesMessage(text, conversationId).ToJsonString()));
        response.EnsureSuccessStatusCode();
        return await ReliabilityHost.MessageRepliesAsync(response);
    }

    /// <summary>Clicks a button: sends its <c>value</c> as a messageBack does.</summary>
    public static async Task<List<JsonObject>> ClickAsync(HttpClient client, JsonObject value, string conversationId)
    {
        var activity = ReliabilityHost.ExpectRepliesMessage(string.Empty, conversationId);
        activity.Remove("text");
        activity["value"] = value;
        using var response = await client.PostAsync(Messages, ReliabilityHost.Json(activity.ToJsonString()));
        response.EnsureSuccessStatusCode();
        return await ReliabilityHost.MessageRepliesAsync(response);
    }

    public static JsonObject Feedback(string entryId, bool helpful) => new() { ["feedback"] = helpful ? "helpful" : "not-helpful", ["entryId"] = entryId };

    public static JsonObject Pick(string entryId) => new() { ["entryId"] = entryId };

    /// <summary>Waits until the host's queue is empty and <paramref name="handled"/> interactions were written or failed.</summary>
    public static async Task<InteractionWriter> WaitForWriterAsync(IServiceProvider services, long handled)
    {
        var recorder = services.GetRequiredService<QueuedInteractionRecorder>();
        var writer = services.GetRequiredService<InteractionWriter>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((recorder.Pending > 0 || writer.Written + writer.Failed < handled) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return writer;
    }
}
