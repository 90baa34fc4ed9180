using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace IvigBot.BotFramework.Schema;

public sealed partial class Activity
{
    /// <summary>
    /// The text with every mention of the recipient (the bot) removed, as Teams sends
    /// <c>&lt;at&gt;Bot&lt;/at&gt; question</c> in channels and group chats. Does not change <see cref="Text"/>.
    /// </summary>
    /// <remarks>
    /// A mention entity counts when its <c>mentioned.id</c> is the recipient's id. Its <c>&lt;at&gt;</c> markup is found
    /// however the name is written (HTML entities such as <c>&amp;nbsp;</c>, extra or non-breaking spaces, letter case,
    /// attributes on the tag), wherever it appears and however often. Mentions of other people stay, even when one of
    /// them has the bot's name: then only as many of those tags are removed as the bot has mention entities. Markup
    /// without <c>&lt;at&gt;</c> (other channels' <c>@Bot</c>) is removed as written. Afterwards, runs of spaces are
    /// collapsed, <c>&amp;nbsp;</c> becomes a space, and a comma or colon left at the start is dropped.
    /// </remarks>
    public string? RemoveRecipientMention()
    {
        if (Text is null || Recipient?.Id is null)
        {
            return Text;
        }

        var botNames = new List<string>();
        var otherNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var plainMarkups = new List<string>();
        foreach (var mention in GetMentions())
        {
            var markup = mention.Text;
            var name = markup is not null && AtTag().Match(markup) is { Success: true } tag
                ? NormalizeName(tag.Groups["name"].Value)
                : NormalizeName(markup is null ? mention.Mentioned?.Name : null);
            var isBot = string.Equals(mention.Mentioned?.Id, Recipient.Id, StringComparison.OrdinalIgnoreCase);
            if (!isBot)
            {
                if (name.Length > 0)
                {
                    otherNames.Add(name);
                }
            }
            else if (name.Length > 0)
            {
                botNames.Add(name);
            }
            else if (!string.IsNullOrWhiteSpace(markup))
            {
                plainMarkups.Add(markup);
            }
        }

        if (botNames.Count == 0 && plainMarkups.Count == 0)
        {
            return Text.Trim();
        }

        // How many tags of an ambiguous name (the bot's and someone else's) may go: one per bot mention entity.
        var budget = botNames.Where(otherNames.Contains)
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var text = AtTag().Replace(Text, match =>
        {
            var name = NormalizeName(match.Groups["name"].Value);
            if (!botNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return match.Value;
            }

            if (budget.TryGetValue(name, out var left))
            {
                if (left == 0)
                {
                    return match.Value;
                }

                budget[name] = left - 1;
            }

            return " ";
        });

        foreach (var markup in plainMarkups)
        {
            text = text.Replace(markup, " ", StringComparison.OrdinalIgnoreCase);
        }

        text = Spaces().Replace(text.Replace("&nbsp;", " ", StringComparison.OrdinalIgnoreCase), " ").Trim();
        return text.TrimStart(',', ':', ';', ' ').Trim();
    }

    /// <summary>The name inside a mention, decoded and with its whitespace collapsed.</summary>
    private static string NormalizeName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var decoded = WebUtility.HtmlDecode(name);
        var builder = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    [GeneratedRegex(@"<at\b[^>]*>(?<name>.*?)</at\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AtTag();

    // Horizontal whitespace, including the non-breaking space; line breaks are kept.
    [GeneratedRegex(@"[^\S\r\n]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Spaces();
}
