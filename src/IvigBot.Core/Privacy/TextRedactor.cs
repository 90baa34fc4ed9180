using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace IvigBot.Privacy;

/// <summary>
/// Removes personal data from a patient's message before anything of it is logged: e-mail addresses, links, phone
/// numbers (international, US, UK), dates, record-number-like digit runs (MRN, NHS and insurance numbers), UK
/// postcodes and names after "my name is", "I am called", "call me" or "this is". Each is replaced by a tag such as
/// <c>[email]</c>; everything else is kept, so the text is still useful for analysing questions the bot missed.
/// </summary>
/// <remarks>
/// Numbers of up to four digits survive ("every 3 weeks", "400 mg", "since 2019") unless they are part of a date,
/// a phone number or a labelled record number ("MRN 1234"); five or more digits in a row (optionally grouped with
/// single spaces or dashes) are always replaced. The redactor errs on the side of removing too much: it is meant for
/// logs, never for the reply. Text longer than <see cref="MaxLength"/> is cut.
/// </remarks>
public static partial class TextRedactor
{
    /// <summary>Longest text redacted; the rest is replaced by "…". Default: 2,000 characters.</summary>
    public const int MaxLength = 2000;

    public const string EmailTag = "[email]";
    public const string LinkTag = "[link]";
    public const string PhoneTag = "[phone]";
    public const string DateTag = "[date]";
    public const string NumberTag = "[number]";
    public const string PostcodeTag = "[postcode]";
    public const string NameTag = "[name]";
    public const string WordTag = "[word]";

    /// <summary>What the whole text becomes if a pattern takes too long (it never should).</summary>
    public const string Unredactable = "[redacted]";

    /// <summary>What <see cref="RedactId"/> logs instead of a value that is not shaped like an id.</summary>
    public const string NotAnId = "(not an id)";

    private const int TimeoutMs = 500;

    /// <summary>The key of <see cref="HashId"/>: made at start-up, never stored, so a hash cannot be reversed by guessing.</summary>
    private static readonly byte[] IdHashKey = RandomNumberGenerator.GetBytes(32);

    private const string Month =
        "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    /// <summary>Words that end a name ("my name is john and i …").</summary>
    private static readonly HashSet<string> NameStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "im", "i'm", "i’m", "my", "from", "with", "but", "so", "the", "a", "an", "who", "is", "was", "have",
        "had", "am", "aged", "age", "here", "or", "also", "ive", "i've", "just", "of", "in", "to", "at", "and", "please",
        "thanks", "thank", "hi", "hello", "can", "could", "would", "will", "do", "does", "what", "how", "why", "when",
        "on", "back", "if", "after", "before", "today", "tomorrow", "later", "now", "about", "for",
    };

    /// <summary>Returns <paramref name="text"/> with personal data replaced by tags; null stays null.</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var redacted = text.Length > MaxLength ? text[..MaxLength] + "…" : text;
        try
        {
            redacted = EmailPattern().Replace(redacted, EmailTag);
            redacted = LinkPattern().Replace(redacted, LinkTag);
            redacted = NamedPattern().Replace(redacted, RedactName);
            redacted = ThisIsNamePattern().Replace(redacted, m => m.Groups["lead"].Value + NameTag);
            redacted = IsoDatePattern().Replace(redacted, DateTag);
            redacted = NumericDatePattern().Replace(redacted, DateTag);
            redacted = DayMonthPattern().Replace(redacted, DateTag);
            redacted = MonthDayPattern().Replace(redacted, DateTag);
            redacted = LabelledNumberPattern().Replace(redacted, m => m.Groups["label"].Value + NumberTag);
            redacted = InternationalPhonePattern().Replace(redacted, PhoneTag);
            redacted = UsPhonePattern().Replace(redacted, PhoneTag);
            redacted = UkPhonePattern().Replace(redacted, PhoneTag);
            redacted = PostcodePattern().Replace(redacted, PostcodeTag);
            redacted = CodePattern().Replace(redacted, NumberTag);
            redacted = DigitRunPattern().Replace(redacted, NumberTag);
            return redacted;
        }
        catch (RegexMatchTimeoutException)
        {
            return Unredactable;
        }
    }

    /// <summary>
    /// The stricter form for logs: <see cref="Redact"/>, then every word that is neither a word of the FAQ
    /// (<paramref name="isFaqWord"/>, given in lower case) nor a lower-case English word becomes <c>[word]</c>. Names
    /// written any way at all ("my neighbour Zebediah", "Sarah here") do not survive; what is left still shows which
    /// topics patients ask about that the FAQ does not cover.
    /// </summary>
    public static string? RedactForLog(string? text, Func<string, bool> isFaqWord)
    {
        ArgumentNullException.ThrowIfNull(isFaqWord);
        var redacted = Redact(text);
        if (string.IsNullOrEmpty(redacted) || redacted == Unredactable)
        {
            return redacted;
        }

        try
        {
            return WordPattern().Replace(redacted, match =>
            {
                var word = match.Value;
                var lower = word.ToLowerInvariant();
                if (isFaqWord(lower))
                {
                    return word;
                }

                return !char.IsUpper(word[0]) && Analysis.EnglishWords.All.Contains(lower) ? word : WordTag;
            });
        }
        catch (RegexMatchTimeoutException)
        {
            return Unredactable;
        }
    }

    /// <summary>
    /// An id from a request (entry id, conversation id, reaction type) as it may be logged: unchanged when it looks
    /// like an id (at most 200 characters of letters, digits and <c>- _ . : | @ ; = +</c>), else <c>(not an id)</c>,
    /// so that text typed into an id field never reaches the logs.
    /// </summary>
    /// <summary>
    /// A caller-chosen id as logs may show it: <c>#</c> and 12 hex digits of its HMAC-SHA256 under a key made when the
    /// process starts. Lines about one conversation still match each other within a run, but the id itself (which a
    /// caller may fill with an e-mail address or a name) cannot be read, nor confirmed by hashing a guess.
    /// </summary>
    public static string? HashId(string? id) => id is null
        ? null
        : "#" + Convert.ToHexStringLower(HMACSHA256.HashData(IdHashKey, Encoding.UTF8.GetBytes(id)).AsSpan(0, 6));

    public static string? RedactId(string? id)
    {
        if (id is null)
        {
            return null;
        }

        if (id.Length is 0 or > 200)
        {
            return NotAnId;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':' or '|' or '@' or ';' or '=' or '+'))
            {
                return NotAnId;
            }
        }

        return id;
    }

    /// <summary>Keeps the trigger ("my name is "), replaces up to three following words that are not stop words.</summary>
    private static string RedactName(Match match)
    {
        var words = match.Groups["words"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var taken = 0;
        while (taken < words.Length && taken < 3 && !NameStops.Contains(words[taken].TrimEnd('.', ',', '!', '?', ';', ':')))
        {
            taken++;
            if (words[taken - 1][^1] is '.' or ',' or '!' or '?' or ';' or ':')
            {
                break;
            }
        }

        if (taken == 0)
        {
            return match.Value;
        }

        var rest = string.Join(' ', words.Skip(taken));
        var lastTaken = words[taken - 1];
        var trailing = lastTaken[^1] is '.' or ',' or '!' or '?' or ';' or ':' ? lastTaken[^1].ToString() : string.Empty;
        return match.Groups["lead"].Value + NameTag + trailing + (rest.Length > 0 ? " " + rest : string.Empty);
    }

    /// <summary>A word, not the inside of a tag such as [email].</summary>
    [GeneratedRegex(@"(?<!\[)\b\p{L}[\p{L}'’]*\b(?!\])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:https?://|www\.)\S{1,2000}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex LinkPattern();

    /// <summary>"my name is", "I am called", "call me" … then up to four words on the same line.</summary>
    [GeneratedRegex(@"(?<lead>\b(?:my\s+name\s+is|my\s+name['’]s|name['’]s|i\s+am\s+called|i['’]?m\s+called|call\s+me|they\s+call\s+me|my\s+name\s+was)\s+)(?<words>[\p{L}'’\-]{1,40}[.,!?;:]?(?:[ \t]+[\p{L}'’\-]{1,40}[.,!?;:]?){0,3})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex NamedPattern();

    /// <summary>"This is Sarah Jones": only capitalised words, so "this is normal" and "this is IVIG" stay.</summary>
    [GeneratedRegex(@"(?<lead>\b(?i:this\s+is|it['’]?s\s+me)\s+)\p{Lu}[\p{Ll}'’\-]{1,40}(?:\s+\p{Lu}[\p{Ll}'’\-]{1,40}){0,2}", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex ThisIsNamePattern();

    [GeneratedRegex(@"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex NumericDatePattern();

    /// <summary>"12 March", "3rd of may 2024", "12 Mar. 2024".</summary>
    [GeneratedRegex(@"\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + Month + @"\b\.?(?:,?\s+\d{4}\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex DayMonthPattern();

    /// <summary>"March 12", "May 3rd, 2024", "June 2023".</summary>
    [GeneratedRegex(@"\b" + Month + @"\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?|\d{4}\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex MonthDayPattern();

    /// <summary>"MRN 00123", "NHS number: 943 476 5919", "patient id #A12345": the label stays, the number goes.</summary>
    [GeneratedRegex(@"(?<label>\b(?:mrn|nhs|chi|record|patient|hospital|member|policy|insurance|medicare|medicaid|ssn|id)(?:\s+(?:no|number|num|id|#))?\.?\s*[:#]?\s*)[A-Za-z]{0,3}\d[\d \-]{1,18}\d\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex LabelledNumberPattern();

    [GeneratedRegex(@"\+\d{1,3}[ .\-]?(?:\(\d{1,4}\)[ .\-]?)?\d{1,4}(?:[ .\-]?\d{2,4}){1,4}\b", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex InternationalPhonePattern();

    [GeneratedRegex(@"(?:\(\d{3}\)[ .\-]?|\b\d{3}[ .\-])\d{3}[ .\-]\d{4}\b", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex UsPhonePattern();

    [GeneratedRegex(@"\b0\d{2,4}[ \-]?\d{3,4}[ \-]?\d{3,4}\b", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex UkPhonePattern();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex PostcodePattern();

    /// <summary>Letters then five or more digits: "A1234567", "ab123456".</summary>
    [GeneratedRegex(@"\b[A-Za-z]{1,3}\d{5,}\b", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex CodePattern();

    /// <summary>Five or more digits, optionally grouped by single spaces or dashes.</summary>
    [GeneratedRegex(@"(?<!\d)\d(?:[ \-]?\d){4,}(?!\d)", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex DigitRunPattern();
}
