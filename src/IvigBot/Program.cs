using IvigBot.Cli;
using IvigBot.Hosting;

if (IvigBotCli.IsVerb(args))
{
    return await IvigBotCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:3978");
builder.AddIvigBot();
await using var app = builder.Build();
try
{
    app.MapIvigBotEndpoints();
}
catch (ContentNotServableException)
{
    return 1; // logged as Critical with the files and lines to fix
}

await app.RunAsync();
return 0;

/// <summary>The program, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
