using IvigBot.Cli;
using IvigBot.Hosting;

if (IvigBotCli.IsVerb(args))
{
    return await IvigBotCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:3978");
builder.AddIvigBot();
var app = builder.Build();
app.MapIvigBotEndpoints();
await app.RunAsync();
return 0;

/// <summary>The program, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
