using IvigBot.BotFramework.DirectLine;

namespace IvigBot.BotFramework.Tests.DirectLine;

public sealed class DirectLineOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new DirectLineOptionsValidator().Validate(null, new DirectLineOptions()).Succeeded);
    }

    public static TheoryData<string, Action<DirectLineOptions>> BadSettings => new()
    {
        { "DirectLine:Secret", o => o.Secret = "too-short" },
        { "DirectLine:TokenLifetime", o => o.TokenLifetime = TimeSpan.FromSeconds(30) },
        { "DirectLine:MaxConversations", o => o.MaxConversations = 0 },
        { "DirectLine:MaxConversationsPerClient", o => o.MaxConversationsPerClient = -1 },
        { "DirectLine:ConversationIdleTimeout", o => o.ConversationIdleTimeout = TimeSpan.Zero },
        { "DirectLine:MaxActivitiesPerConversation", o => o.MaxActivitiesPerConversation = 1 },
        { "DirectLine:MaxActivityBytes", o => o.MaxActivityBytes = 10 },
        { "DirectLine:KeepAliveInterval", o => o.KeepAliveInterval = TimeSpan.Zero },
        { "DirectLine:AllowedOrigins", o => o.AllowedOrigins.Add("https://www.example-clinic.org/chat/page") },
        { "DirectLine:AllowedOrigins", o => o.AllowedOrigins.Add("www.example-clinic.org") },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_named_in_the_failure(string setting, Action<DirectLineOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var options = new DirectLineOptions();
        change(options);

        var result = new DirectLineOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }
}
