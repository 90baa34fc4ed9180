using System.Diagnostics.CodeAnalysis;

namespace IvigBot.BotFramework.Teams;

/// <summary>The <c>Teams</c> settings section.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>
    /// The Microsoft Entra tenant ids (organisations) whose Teams users the bot answers. Empty (the default) = any
    /// tenant. When set, an <c>msteams</c> activity from another tenant, or naming none, is refused with 403 and logged
    /// with its tenant id; the bot sends nothing to it. Other channels are not affected.
    /// </summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public IList<string> AllowedTenants { get; set; } = [];

    /// <summary>True when <paramref name="tenantId"/> may use the bot (case-insensitive; any tenant when the list is empty).</summary>
    public bool IsAllowed(string? tenantId) =>
        AllowedTenants.Count == 0
        || (!string.IsNullOrWhiteSpace(tenantId)
            && AllowedTenants.Any(t => string.Equals(t.Trim(), tenantId.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>The problems with these settings; none when they are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (AllowedTenants.Any(string.IsNullOrWhiteSpace))
        {
            yield return "Teams:AllowedTenants contains an empty entry; list tenant ids, or leave the list empty to allow any tenant.";
        }
    }
}
