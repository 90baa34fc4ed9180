using IvigBot.BotFramework.Integration;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Teams;

/// <summary>
/// Enforces <see cref="TeamsOptions.AllowedTenants"/>: an <c>msteams</c> activity whose tenant
/// (<c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>) is not listed is refused before the turn, so the
/// bot neither answers nor calls that tenant's service URL. Refusals are logged with the tenant id.
/// </summary>
public sealed partial class TeamsTenantFilter : IInboundActivityFilter
{
    public const string RefusalCode = "TenantNotAllowed";
    public const string RefusalMessage = "This bot is not available to your organisation.";

    private readonly IOptionsMonitor<TeamsOptions> _options;
    private readonly ILogger<TeamsTenantFilter> _logger;

    public TeamsTenantFilter(IOptionsMonitor<TeamsOptions> options, ILogger<TeamsTenantFilter> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public InboundActivityRefusal? Check(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ChannelId != Channels.Msteams)
        {
            return null;
        }

        var tenantId = (activity.TryGetChannelData<TeamsChannelData>(out var channelData) ? channelData?.Tenant?.Id : null)
            ?? activity.Conversation?.TenantId;
        if (_options.CurrentValue.IsAllowed(tenantId))
        {
            return null;
        }

        LogRefused(activity.Type, tenantId ?? "(none)", activity.Conversation?.ConversationType);
        return new InboundActivityRefusal(RefusalCode, RefusalMessage);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Teams {ActivityType} activity from tenant {TenantId} ({ConversationType}): not in Teams:AllowedTenants")]
    private partial void LogRefused(string? activityType, string tenantId, string? conversationType);
}
