using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.Integration;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Tests.Integration;

public class BotFrameworkServiceCollectionExtensionsTests
{
    [Fact]
    public void Binds_the_flat_MicrosoftApp_keys_and_resolves_the_adapter()
    {
        using var services = Build(new()
        {
            ["MicrosoftAppType"] = "singletenant",
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = "tenant",
            ["AllowedServiceUrls:0"] = "https://bot.example.com/",
        });

        var options = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;

        Assert.Equal(BotAppType.SingleTenant, options.AppType);
        Assert.Equal(["https://bot.example.com/"], options.AllowedServiceUrls);
        Assert.IsType<FastCloudAdapter>(services.GetRequiredService<IBotFrameworkHttpAdapter>());
        Assert.IsType<ConfigurationBotFrameworkAuthentication>(services.GetRequiredService<BotFrameworkAuthentication>());
    }

    [Fact]
    public void Empty_configuration_means_anonymous_MultiTenant()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;

        Assert.True(options.IsAnonymous);
        Assert.Equal(BotAppType.MultiTenant, options.AppType);
    }

    [Theory]
    [InlineData("SingleTenant", "secret", null)]
    [InlineData("MultiTenant", null, null)]
    [InlineData("UserAssignedMSI", "secret", "tenant")]
    public void Incomplete_credentials_fail_validation(string appType, string? password, string? tenantId)
    {
        using var services = Build(new()
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenantId,
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddBotFramework<FastCloudAdapter>(configuration).BuildServiceProvider();
    }
}
