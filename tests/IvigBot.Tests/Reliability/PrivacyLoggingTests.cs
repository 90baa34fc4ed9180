using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IvigBot.Privacy;

namespace IvigBot.Tests.Reliability;

/// <summary>
/// Messages full of (made-up) personal data go through /api/messages and /api/ask with every log level on: none of
/// it may reach a log line, while ids, kinds and the redacted question (at Debug) do. Fields the caller fills with
/// ids (the conversation id, an entry id, a reaction type) get personal data too, shaped like ids: the conversation
/// id is logged hashed, an entry id only when the index has it.
/// </summary>
public sealed class PrivacyLoggingTests : IDisposable
{
    private static readonly string[] PersonalData =
    [
        "Jane", "jane.doe@example.org", "07700 900982", "07700900982", "943 476 5919", "9434765919", "04/07/1975",
        "SW1A 1AA", "MRN00123456", "00123456", "Quentin", "Blackwood",
    ];

    private const string Fallback =
        "My name is Jane Doe, DOB 04/07/1975, NHS 943 476 5919, email jane.doe@example.org, tel 07700 900982, " +
        "postcode SW1A 1AA, MRN00123456. Which parking garage is closest to the clinic?";

    private const string Answered = "what is IVIG flu? This is Quentin Blackwood, jane.doe@example.org";

    private readonly ReliabilityHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Personal_data_sent_to_both_endpoints_never_reaches_the_logs()
    {
        using var client = _host.Client();
        // An e-mail address where a conversation id belongs (anonymous callers choose their conversation ids).
        var conversationId = "jane.doe@example.org";

        foreach (var text in new[] { Fallback, Answered })
        {
            using var message = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
                ReliabilityHost.Json(ReliabilityHost.ExpectRepliesMessage(text, conversationId).ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, message.StatusCode);

            using var ask = await client.PostAsJsonAsync("/api/ask", new { question = text });
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }

        // Personal data typed into fields that carry ids.
        var feedback = ReliabilityHost.ExpectRepliesMessage(string.Empty, conversationId);
        feedback["value"] = new JsonObject { ["feedback"] = "helpful", ["entryId"] = "my name is Jane Doe jane.doe@example.org" };
        using (var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ReliabilityHost.Json(feedback.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var idShaped = ReliabilityHost.ExpectRepliesMessage(string.Empty, conversationId);
        idShaped["value"] = new JsonObject { ["feedback"] = "not-helpful", ["entryId"] = "jane.doe@example.org" };
        using (var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ReliabilityHost.Json(idShaped.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var reaction = ReliabilityHost.ExpectRepliesMessage(string.Empty, conversationId);
        reaction["type"] = "messageReaction";
        reaction["replyToId"] = "07700900982";
        reaction["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "jane.doe@example.org" }, new JsonObject { ["type"] = "like" });
        using (var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ReliabilityHost.Json(reaction.ToJsonString())))
        {
            Assert.True(response.IsSuccessStatusCode, $"messageReaction got {(int)response.StatusCode}");
        }

        var chosen = ReliabilityHost.ExpectRepliesMessage("pick", conversationId);
        chosen["value"] = new JsonObject { ["entryId"] = "Quentin.Blackwood" };
        using (var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), ReliabilityHost.Json(chosen.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var logs = _host.AllLogText;
        foreach (var personal in PersonalData)
        {
            Assert.DoesNotContain(personal, logs, StringComparison.OrdinalIgnoreCase);
        }

        // What is logged instead: ids, kinds, timings and, at Debug, the redacted question.
        Assert.Contains($"in conversation {TextRedactor.HashId(conversationId)}", logs, StringComparison.Ordinal);
        Assert.Contains("Feedback on entry (unknown): helpful False", logs, StringComparison.Ordinal);
        Assert.Contains("Reaction like (added: True)", logs, StringComparison.Ordinal);
        Assert.Contains("Answered Answer with entry ivig-flu", logs, StringComparison.Ordinal);
        Assert.Contains("Answered /api/ask with Answer, entry ivig-flu", logs, StringComparison.Ordinal);
        foreach (var tag in new[] { TextRedactor.NameTag, TextRedactor.DateTag, TextRedactor.NumberTag, TextRedactor.EmailTag, TextRedactor.PhoneTag })
        {
            Assert.Contains(tag, logs, StringComparison.Ordinal);
        }

        Assert.Contains("Which parking garage is closest to the clinic", logs, StringComparison.Ordinal);
        Assert.Contains($"Chosen entry {TextRedactor.HashId("Quentin.Blackwood")} does not exist", logs, StringComparison.Ordinal);
    }
}
