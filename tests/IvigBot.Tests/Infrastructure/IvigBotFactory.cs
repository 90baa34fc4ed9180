using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace IvigBot.Tests.Infrastructure;

/// <summary>
/// The real host in memory, configured as when it is started from the repository root: the repository's
/// appsettings.json, the Production environment (no developer pages) and the repository's faq/.
/// </summary>
public sealed class IvigBotFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(configuration => configuration.AddJsonFile(RepoPaths.AppSettings, optional: false));
    }
}
