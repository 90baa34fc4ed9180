namespace IvigBot.Apis;

/// <summary>Settings of the patient page at <c>GET /</c> (the <c>WebChat</c> section of <c>appsettings.json</c>).</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>The clinic's name, shown at the top of the page and in its title. Default: "IVIG patient information".</summary>
    public string ClinicName { get; set; } = "IVIG patient information";

    /// <summary>Checks the settings; returns what is wrong, or nothing.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClinicName) || ClinicName.Length > 120)
        {
            yield return "WebChat:ClinicName must be between 1 and 120 characters.";
        }
    }
}
