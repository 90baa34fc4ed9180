using System.Text.Json;
using IvigBot.BotFramework.Builder;
using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Tests.Builder;

public class ActivityHandlerTests
{
    [Theory]
    [InlineData(ActivityTypes.Message, "OnMessageActivityAsync")]
    [InlineData(ActivityTypes.Event, "OnEventActivityAsync")]
    [InlineData(ActivityTypes.Invoke, "OnInvokeActivityAsync")]
    [InlineData(ActivityTypes.EndOfConversation, "OnEndOfConversationActivityAsync")]
    [InlineData(ActivityTypes.Typing, "OnTypingActivityAsync")]
    [InlineData("somethingNew", "OnUnrecognizedActivityTypeAsync")]
    [InlineData("Message", "OnUnrecognizedActivityTypeAsync")] // types are compared ordinally (spec A2011)
    public async Task Dispatches_each_activity_type_to_its_method(string type, string expectedMethod)
    {
        var bot = new RecordingHandler();

        await bot.OnTurnAsync(Turn(new Activity { Type = type }), CancellationToken.None);

        Assert.Equal([expectedMethod], bot.Calls);
    }

    [Fact]
    public async Task Members_added_never_includes_the_bot_itself()
    {
        var bot = new RecordingHandler();
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Recipient = new ChannelAccount("bot-id", "Bot"),
            MembersAdded = [new ChannelAccount("user-id", "User"), new ChannelAccount("bot-id", "Bot")],
        };

        await bot.OnTurnAsync(Turn(update), CancellationToken.None);

        Assert.Equal(["user-id"], bot.MembersAdded.Select(m => m.Id));
    }

    [Fact]
    public async Task Bot_installed_alone_gets_no_members_added_call()
    {
        var bot = new RecordingHandler();
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Recipient = new ChannelAccount("28:app"),
            MembersAdded = [new ChannelAccount("28:app")],
        };

        await bot.OnTurnAsync(Turn(update), CancellationToken.None);

        Assert.DoesNotContain("OnMembersAddedAsync", bot.Calls);
    }

    [Theory]
    [InlineData("add", "OnInstallationUpdateAddAsync")]
    [InlineData("add-upgrade", "OnInstallationUpdateAddAsync")]
    [InlineData("remove", "OnInstallationUpdateRemoveAsync")]
    public async Task Installation_updates_dispatch_on_action(string action, string expectedMethod)
    {
        var bot = new RecordingHandler();

        await bot.OnTurnAsync(Turn(new Activity { Type = ActivityTypes.InstallationUpdate, Action = action }), CancellationToken.None);

        Assert.Contains(expectedMethod, bot.Calls);
    }

    [Fact]
    public async Task Reactions_added_and_removed_are_dispatched()
    {
        var bot = new RecordingHandler();
        var reaction = new Activity
        {
            Type = ActivityTypes.MessageReaction,
            ReactionsAdded = [new MessageReaction { Type = "like" }],
            ReactionsRemoved = [new MessageReaction { Type = "heart" }],
        };

        await bot.OnTurnAsync(Turn(reaction), CancellationToken.None);

        Assert.Equal(["OnReactionsAddedAsync:like", "OnReactionsRemovedAsync:heart"], bot.Calls);
    }

    [Fact]
    public async Task Unhandled_invoke_answers_501_through_an_invokeResponse_activity()
    {
        var adapter = new RecordingAdapter();
        var turn = new TurnContext(adapter, new Activity { Type = ActivityTypes.Invoke, Name = "task/fetch" });

        await new ActivityHandler().OnTurnAsync(turn, CancellationToken.None);

        var sent = Assert.Single(adapter.Sent);
        Assert.Equal(ActivityTypes.InvokeResponse, sent.Type);
        Assert.Equal(501, sent.Value.Deserialize(BotFrameworkJsonContext.Default.InvokeResponse)!.Status);
    }

    [Fact]
    public async Task SendActivityAsync_addresses_the_reply_to_the_sender()
    {
        var adapter = new RecordingAdapter();
        var incoming = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "m1",
            ChannelId = "emulator",
            ServiceUrl = "http://localhost:52345",
            Locale = "en-US",
            From = new ChannelAccount("user", "User"),
            Recipient = new ChannelAccount("bot", "Bot"),
            Conversation = new ConversationAccount("c1|livechat"),
        };

        await new TurnContext(adapter, incoming).SendActivityAsync("Hello", CancellationToken.None);

        var reply = Assert.Single(adapter.Sent);
        Assert.Equal(("bot", "user", "m1", "c1|livechat", "en-US"), (reply.From?.Id, reply.Recipient?.Id, reply.ReplyToId, reply.Conversation?.Id, reply.Locale));
        Assert.Equal(InputHints.AcceptingInput, reply.InputHint);
        Assert.Equal("Hello", reply.Text);
    }

    private static TurnContext Turn(Activity activity) => new(new RecordingAdapter(), activity);

    private sealed class RecordingAdapter : BotAdapter
    {
        public List<Activity> Sent { get; } = [];

        public override Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(
            ITurnContext turnContext,
            IReadOnlyList<Activity> activities,
            CancellationToken cancellationToken)
        {
            Sent.AddRange(activities);
            return Task.FromResult<IReadOnlyList<ResourceResponse>>(activities.Select(_ => new ResourceResponse("r")).ToList());
        }
    }

    private sealed class RecordingHandler : ActivityHandler
    {
        public List<string> Calls { get; } = [];

        public List<ChannelAccount> MembersAdded { get; } = [];

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            MembersAdded.AddRange(membersAdded);
            return Record();
        }

        protected override Task OnReactionsAddedAsync(IReadOnlyList<MessageReaction> messageReactions, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record($"OnReactionsAddedAsync:{messageReactions[0].Type}");

        protected override Task OnReactionsRemovedAsync(IReadOnlyList<MessageReaction> messageReactions, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record($"OnReactionsRemovedAsync:{messageReactions[0].Type}");

        protected override Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            await Record();
            return new InvokeResponse(200);
        }

        protected override Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        private Task Record([System.Runtime.CompilerServices.CallerMemberName] string name = "")
        {
            Calls.Add(name);
            return Task.CompletedTask;
        }
    }
}
