using System.Globalization;
using IvigBot.Answering;
using Microsoft.Extensions.Options;

namespace IvigBot.Hosting;

/// <summary>
/// How a message longer than <see cref="RequestLimitsOptions.MaxMessageLength"/> is answered: on its first characters,
/// with <see cref="Note"/> after the reply. Warning signs are looked for in the first <see cref="EmergencyScanLength"/>
/// characters, so "… and now I can't breathe" at the end of a long story still gets the emergency reply.
/// </summary>
public sealed class LongMessagePolicy
{
    /// <summary>How much of a long message is searched for warning signs, in characters.</summary>
    public const int EmergencyScanLength = 8000;

    public LongMessagePolicy(IOptions<RequestLimitsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MaxLength = options.Value.MaxMessageLength;
        Note = string.Create(CultureInfo.InvariantCulture,
            $"Your message was long, so I read its first {MaxLength:N0} characters. If I missed your question, please ask it again in a shorter message.");
    }

    public int MaxLength { get; }

    /// <summary>What the patient reads after the reply to a shortened message.</summary>
    public string Note { get; }

    /// <summary>The text to answer: <paramref name="text"/> itself when short enough, else its start or the warning sign found in it.</summary>
    public string QuestionFor(string text, TriageMatcher triage, out bool shortened)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(triage);
        shortened = text.Length > MaxLength;
        if (!shortened)
        {
            return text;
        }

        var scanned = text.Length > EmergencyScanLength ? text[..EmergencyScanLength] : text;
        if (triage.Match(scanned) is { Rule.Kind: TriageKind.Emergency } emergency && triage.Match(Cut(text, MaxLength)) is not { Rule.Kind: TriageKind.Emergency })
        {
            // The warning sign is past the cut: answer the sign itself, which gets that rule's emergency reply.
            return emergency.Phrase.Text.Replace("*", string.Empty, StringComparison.Ordinal);
        }

        return Cut(text, MaxLength);
    }

    /// <summary>The first <paramref name="length"/> characters, without splitting a surrogate pair.</summary>
    internal static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
