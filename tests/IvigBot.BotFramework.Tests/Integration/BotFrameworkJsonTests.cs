using System.Globalization;
using System.Text;
using IvigBot.BotFramework.Integration;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static IvigBot.BotFramework.Tests.Infrastructure.WireActivities;

namespace IvigBot.BotFramework.Tests.Integration;

/// <summary>
/// <see cref="BotFrameworkJson.Write"/> against the plain definition it must equal: Newtonsoft with the SDK's settings,
/// compact. Its faster string escaping must not change a single character of the wire.
/// </summary>
public class BotFrameworkJsonTests
{
    [Fact]
    public void Every_UTF16_code_unit_is_escaped_as_Newtonsoft_escapes_it_in_values_and_names()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            values["k" + (char)c] = "a" + (char)c + "b\"c\\d\ne";
        }

        Assert.Equal(SdkJson(values), BotFrameworkJson.Write(values));
    }

    [Fact]
    public void A_reply_with_buttons_is_written_as_the_SDK_writes_it()
    {
        var reply = MessageFactory.Text("**What is \"IVIG flu\"?**\n\n- headache\n- fever\t(37.5 °C) \\ chills – café ✓ 😀\r\nline");
        reply.TextFormat = TextFormatTypes.Markdown;
        reply.LocalTimestamp = new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.FromHours(2));
        reply.Conversation = new ConversationAccount(id: "c1|livechat");
        reply.Locale = "en-US";
        reply.SuggestedActions = new SuggestedActions(actions:
        [
            new CardAction { Type = ActionTypes.MessageBack, Title = "Can I have vaccines?", Text = "Can I have vaccines?", DisplayText = "Can I have vaccines?", Value = new JObject { ["entryId"] = "vaccines-and-ivig" } },
            new CardAction { Type = ActionTypes.MessageBack, Title = "Helpful", DisplayText = "Helpful", Image = "data:image/svg+xml,%3Csvg%20%27%2F%3E", ImageAltText = string.Empty, Value = new JObject { ["feedback"] = "helpful", ["entryId"] = "ivig-flu" } },
        ]);

        var written = BotFrameworkJson.Write(new ExpectedReplies([reply]));

        Assert.Equal(SdkJson(new ExpectedReplies([reply])), written);
        Assert.Contains("\"text\":\"**What is \\\"IVIG flu\\\"?**\\n\\n- headache", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }

    [Fact]
    public void Frozen_suggested_actions_are_written_as_the_SDK_writes_the_same_actions_every_time()
    {
        List<CardAction> actions =
        [
            new CardAction { Type = ActionTypes.MessageBack, Title = "What is \"IVIG flu\"?", Text = "What is \"IVIG flu\"?", DisplayText = "What is \"IVIG flu\"?", Value = new JObject { ["entryId"] = "ivig-flu" } },
            new CardAction { Type = ActionTypes.MessageBack, Title = "Helpful", DisplayText = "Helpful", Image = "data:image/svg+xml,%3Csvg%20%27%2F%3E", ImageAltText = string.Empty, Value = new JObject { ["feedback"] = "helpful", ["entryId"] = "ivig-flu" } },
        ];
        var frozen = new FrozenSuggestedActions(actions);

        Activity Reply(SuggestedActions buttons, string conversation)
        {
            var reply = MessageFactory.Text("**IVIG flu**\n\nA headache and chills – café ✓");
            reply.Conversation = new ConversationAccount(id: conversation);
            reply.SuggestedActions = buttons;
            reply.ReplyToId = "m1";
            return reply;
        }

        // The second reply reuses the JSON made for the first; both keep the fields around the buttons.
        Assert.Equal(SdkJson(new ExpectedReplies([Reply(new SuggestedActions(actions: actions), "c1")])), BotFrameworkJson.Write(new ExpectedReplies([Reply(frozen, "c1")])));
        Assert.Equal(SdkJson(new ExpectedReplies([Reply(new SuggestedActions(actions: actions), "c2")])), BotFrameworkJson.Write(new ExpectedReplies([Reply(frozen, "c2")])));
        Assert.Throws<NotSupportedException>(() => frozen.Actions.Add(new CardAction()));
    }

    /// <summary>
    /// Activities of every shape a bot sends, as they leave a turn (the conversation reference applied): the ones
    /// <see cref="ActivityJsonConverter"/> writes itself and the ones it hands to Newtonsoft's walk.
    /// </summary>
    public static TheoryData<string> Shapes => [.. ShapeCases.Keys];

    private static readonly Dictionary<string, Func<Activity>> ShapeCases = new(StringComparer.Ordinal)
    {
        ["answer with frozen buttons"] = () => Sent(Buttons(MessageFactory.Text("**IVIG flu**\n\n\"Quoted\" – café ✓ 😀\r\n\\ end"), frozen: true), FromEmulator()),
        ["clarify with plain buttons"] = () => Sent(Buttons(MessageFactory.Text("Did you mean one of these?"), frozen: false), FromEmulator()),
        ["emergency, text only"] = () => Sent(MessageFactory.Text("Call 911 now."), FromEmulator()),
        ["typing"] = () => Sent(new Activity(ActivityTypes.Typing), FromEmulator()),
        ["speak, input hint, summary, no lists"] = () => Sent(new Activity(ActivityTypes.Message) { Text = "a", Speak = "<speak>a</speak>", InputHint = InputHints.ExpectingInput, Summary = "s" }, FromEmulator()),
        ["ids, timestamps with offsets, booleans"] = () =>
        {
            var activity = Sent(MessageFactory.Text("t"), FromEmulator());
            activity.Id = "reply-1";
            activity.LocalTimestamp = new DateTimeOffset(2026, 12, 6, 3, 0, 0, 5, TimeSpan.FromHours(-5));
            activity.Expiration = new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.FromHours(2));
            activity.HistoryDisclosed = false;
            activity.Conversation.IsGroup = false;
            return activity;
        },
        ["Teams: card attachment, tenant, AAD ids"] = () =>
        {
            var reply = (Activity)MessageFactory.Attachment(new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = JObject.Parse("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"x","wrap":true}]}""") });
            reply.Text = "**Answer**";
            return Sent(reply, FromTeams());
        },
        ["Teams: text only, conversation in a channel"] = () => Sent(MessageFactory.Text("hello"), FromTeams()),
        ["Teams account subclass"] = () =>
        {
            var reply = Sent(MessageFactory.Text("x"), FromEmulator());
            reply.From = new Microsoft.Bot.Schema.Teams.TeamsChannelAccount { Id = "29:1", Name = "Bot", UserPrincipalName = "bot@example.org" };
            return reply;
        },
        ["entities and channel data"] = () =>
        {
            var reply = Sent(MessageFactory.Text("x"), FromEmulator());
            reply.Entities.Add(new Entity("mention") { Properties = JObject.Parse("""{"text":"<at>Bot</at>"}""") });
            reply.ChannelData = new JObject { ["notification"] = new JObject { ["alert"] = true } };
            return reply;
        },
        ["extension data on the activity and an account"] = () =>
        {
            var reply = Sent(MessageFactory.Text("x"), FromEmulator());
            reply.Properties = new JObject { ["custom"] = "kept" };
            return reply;
        },
        ["extension data on an account"] = () =>
        {
            var reply = Sent(MessageFactory.Text("x"), FromEmulator());
            reply.Recipient.Properties = new JObject { ["tenant"] = "t1" };
            return reply;
        },
        ["invoke response with a value"] = () => new Activity(ActivityTypesEx.InvokeResponse) { Value = new InvokeResponse { Status = 200, Body = new JObject { ["ok"] = true } } },
        ["an empty activity"] = () => new Activity(),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_shape_of_activity_is_written_as_the_SDK_writes_it(string shape)
    {
        var activity = ShapeCases[shape]();

        Assert.Equal(SdkJson(activity), BotFrameworkJson.Write(activity));
        Assert.Equal(SdkJson(new ExpectedReplies([activity, ShapeCases["typing"]()])), BotFrameworkJson.Write(new ExpectedReplies([activity, ShapeCases["typing"]()])));
    }

    public static TheoryData<string> ReplySets => [.. ReplySetCases.Keys];

    /// <summary>The bodies of expectReplies answers the lean write takes, and those it leaves to Newtonsoft.</summary>
    private static readonly Dictionary<string, Func<ExpectedReplies>> ReplySetCases = new()
    {
        ["no list"] = () => new ExpectedReplies(),
        ["an empty list"] = () => new ExpectedReplies(new List<Activity>()),
        ["a null among the activities"] = () => new ExpectedReplies(new List<Activity> { Sent(MessageFactory.Text("a"), FromEmulator()), null! }),
        ["an array, not a list"] = () => new ExpectedReplies(new[] { Sent(MessageFactory.Text("a"), FromEmulator()) }),
        ["an activity of a derived type"] = () => new ExpectedReplies(new List<Activity> { new NotedActivity { Type = ActivityTypes.Message, Text = "a", Note = "n" } }),
    };

    [Theory]
    [MemberData(nameof(ReplySets))]
    public void Every_body_of_expected_replies_is_written_as_the_SDK_writes_it(string set)
    {
        var replies = ReplySetCases[set]();

        Assert.Equal(SdkJson(replies), BotFrameworkJson.Write(replies));
    }

    private sealed class NotedActivity : Activity
    {
        public string? Note { get; set; }
    }

    [Fact]
    public void With_the_SDK_settings_activities_are_written_by_the_lean_walk_and_read_by_Newtonsoft()
    {
        var serializer = JsonSerializer.Create(HttpHelper.BotMessageSerializerSettings);
        var converter = new ActivityJsonConverter(serializer, JsonSerializer.Create(HttpHelper.BotMessageSerializerSettings));

        Assert.True(converter.CanConvert(typeof(Activity)));
        Assert.False(converter.CanRead);
        Assert.False(converter.CanConvert(typeof(ChannelAccount)));
        Assert.True(converter.TryWrite(new JsonTextWriter(TextWriter.Null), new ExpectedReplies(new List<Activity> { new(ActivityTypes.Typing) })));

        // A setting Newtonsoft's walk honours and the lean walk does not know: it takes nothing.
        serializer.NullValueHandling = NullValueHandling.Include;
        Assert.False(converter.CanConvert(typeof(Activity)));
        Assert.False(converter.TryWrite(new JsonTextWriter(TextWriter.Null), new ExpectedReplies(new List<Activity> { new(ActivityTypes.Typing) })));
    }

    [Fact]
    public void With_another_contract_resolver_each_object_is_asked_whether_a_property_is_written()
    {
        JsonSerializer Create() => JsonSerializer.Create(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore, ContractResolver = new TypingWithoutTextResolver() });
        var lean = Create();
        lean.Converters.Add(new ActivityJsonConverter(lean, Create()));
        string Write(JsonSerializer serializer, Activity activity)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            serializer.Serialize(text, activity);
            return text.ToString();
        }

        var typing = Sent(new Activity(ActivityTypes.Typing) { Text = "hidden" }, FromEmulator());
        var message = Sent(MessageFactory.Text("shown"), FromEmulator());

        Assert.True(lean.Converters[0].CanConvert(typeof(Activity)));
        Assert.Equal(Write(Create(), typing), Write(lean, typing));
        Assert.Equal(Write(Create(), message), Write(lean, message));
        Assert.DoesNotContain("hidden", Write(lean, typing), StringComparison.Ordinal);
        Assert.Contains("shown", Write(lean, message), StringComparison.Ordinal);
    }

    /// <summary>A resolver whose <c>ShouldSerialize</c> looks at the object: a typing activity's text is not written.</summary>
    private sealed class TypingWithoutTextResolver : Newtonsoft.Json.Serialization.DefaultContractResolver
    {
        protected override Newtonsoft.Json.Serialization.JsonProperty CreateProperty(System.Reflection.MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (property.PropertyName == "text")
            {
                property.ShouldSerialize = owner => owner is not Activity { Type: ActivityTypes.Typing };
            }

            return property;
        }
    }

    [Fact]
    public void UTC_timestamps_end_in_Z_and_other_offsets_are_kept()
    {
        var activity = new Activity(ActivityTypes.Message)
        {
            Timestamp = new DateTimeOffset(2026, 12, 6, 3, 0, 0, 123, TimeSpan.Zero),
            LocalTimestamp = new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.FromHours(1)),
        };

        var json = Encoding.UTF8.GetString(BotFrameworkJson.Write(activity));

        Assert.Contains("\"timestamp\":\"2026-12-06T03:00:00.123Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"localTimestamp\":\"2026-12-06T04:00:00+01:00\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_activity_is_read_as_JsonConvert_reads_its_text_with_or_without_a_byte_order_mark(bool bom)
    {
        // Longer than Newtonsoft's first read, with text that is not ASCII and an invalid UTF-8 byte (read as U+FFFD).
        var text = "Is a headache after IVIG normal? 😀 café – " + new string('x', 5000);
        var utf8 = Encoding.UTF8.GetBytes($$"""{"type":"message","id":"m1","channelId":"emulator","conversation":{"id":"c1"},"text":"{{text}}","value":{"entryId":"ivig-flu"},"name":"ab"}""").ToList();
        utf8.Insert(utf8.Count - 3, 0xFF);
        byte[] body = bom ? [0xEF, 0xBB, 0xBF, .. utf8] : [.. utf8];

        var read = BotFrameworkJson.ReadActivity(body);

        var expected = JsonConvert.DeserializeObject<Activity>(Encoding.UTF8.GetString([.. utf8]), HttpHelper.BotMessageSerializerSettings)!;
        Assert.Equal(text, read!.Text);
        Assert.Equal("a\uFFFDb", read.Name);
        Assert.Equal(JsonConvert.SerializeObject(expected), JsonConvert.SerializeObject(read));
        Assert.Null(BotFrameworkJson.ReadActivity("null"u8.ToArray()));
        Assert.Null(BotFrameworkJson.TryReadActivity("{\"type\":"u8.ToArray()));
        Assert.Null(BotFrameworkJson.TryReadActivity("[1]"u8.ToArray()));
    }

    private static Activity Buttons(Activity reply, bool frozen)
    {
        reply.TextFormat = TextFormatTypes.Markdown;
        List<CardAction> actions =
        [
            new CardAction { Type = ActionTypes.MessageBack, Title = "What is \"IVIG flu\"?", Text = "What is \"IVIG flu\"?", DisplayText = "What is \"IVIG flu\"?", Value = new JObject { ["entryId"] = "ivig-flu" } },
            new CardAction { Type = ActionTypes.MessageBack, Title = "Helpful", DisplayText = "Helpful", Image = "data:image/svg+xml,%3Csvg%20%27%2F%3E", ImageAltText = string.Empty, Value = new JObject { ["feedback"] = "helpful", ["entryId"] = "ivig-flu" } },
        ];
        reply.SuggestedActions = frozen ? new FrozenSuggestedActions(actions) : new SuggestedActions(actions: actions);
        return reply;
    }
}
