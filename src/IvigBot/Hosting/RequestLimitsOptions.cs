namespace IvigBot.Hosting;

/// <summary>Settings of the <c>Limits</c> section: how much of a request the service reads.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Longest message answered, in characters. A longer message is answered on its first characters, with a short
    /// note saying so; warning signs further on are still recognised. Default: 1,000.
    /// </summary>
    public int MaxMessageLength { get; set; } = 1000;

    /// <summary>Largest accepted <c>POST /api/ask</c> body, in bytes; larger requests get 413. Default: 65,536 (64 KiB).</summary>
    public int MaxAskBodyBytes { get; set; } = 64 * 1024;

    public IEnumerable<string> Validate()
    {
        if (MaxMessageLength is < 100 or > 100_000)
        {
            yield return $"Limits:MaxMessageLength must be between 100 and 100000 (it is {MaxMessageLength}).";
        }

        if (MaxAskBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            yield return $"Limits:MaxAskBodyBytes must be between 1024 and 16777216 (it is {MaxAskBodyBytes}).";
        }
    }
}
