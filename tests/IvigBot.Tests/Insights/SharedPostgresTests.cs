using System.Net.Http.Headers;
using IvigBot.Insights;
using IvigBot.Tests.Reliability;

namespace IvigBot.Tests.Insights;

/// <summary>Two bot instances on loopback sharing one PostgreSQL database: one report with everything, nothing lost.</summary>
public sealed class SharedPostgresTests
{
    private const int PerInstance = 15;

    [PostgresFact]
    public async Task Two_instances_sharing_one_database_report_everything_both_received()
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.PostgreSql);
        var settings = db.HostSettings();
        settings["Insights:EditorKey"] = EditorApiTests.Key;
        await using var first = new ReliabilityHost(settings);
        await using var second = new ReliabilityHost(settings);
        using var firstClient = first.StartKestrel();
        using var secondClient = second.StartKestrel();

        await Task.WhenAll(TalkAsync(firstClient, "first"), TalkAsync(secondClient, "second"));
        var firstWriter = await InsightsHost.WaitForWriterAsync(first.Services, 3 * PerInstance);
        var secondWriter = await InsightsHost.WaitForWriterAsync(second.Services, 3 * PerInstance);
        Assert.Equal((3L * PerInstance, 0L), (firstWriter.Written, firstWriter.Failed));
        Assert.Equal((3L * PerInstance, 0L), (secondWriter.Written, secondWriter.Failed));

        secondClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EditorApiTests.Key);
        var csv = (await secondClient.GetStringAsync("/editor/report.csv")).Split('\n');

        var unanswered = Assert.Single(csv, l => l.StartsWith("unanswered,", StringComparison.Ordinal));
        Assert.Equal($"unanswered,,{EditorConversations.Unanswered},{2 * PerInstance},,,,", unanswered.TrimEnd('\r'));
        var feedback = Assert.Single(csv, l => l.StartsWith("feedback,ivig-flu,", StringComparison.Ordinal));
        Assert.EndsWith($",{4 * PerInstance},{2 * PerInstance},{2 * PerInstance},0.5,", feedback.TrimEnd('\r'), StringComparison.Ordinal);
    }

    /// <summary>Per conversation: an unanswered question and two feedback clicks (one helpful, one not).</summary>
    private static async Task TalkAsync(HttpClient client, string instance)
    {
        for (var i = 0; i < PerInstance; i++)
        {
            var conversation = $"{instance}-{i}-{Guid.NewGuid()}";
            await InsightsHost.AskAsync(client, EditorConversations.Unanswered, conversation);
            await InsightsHost.ClickAsync(client, InsightsHost.Feedback("ivig-flu", helpful: true), conversation);
            await InsightsHost.ClickAsync(client, InsightsHost.Feedback("ivig-flu", helpful: false), conversation);
        }
    }
}
