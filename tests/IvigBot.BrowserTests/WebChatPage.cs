using System.Text.RegularExpressions;

namespace IvigBot.BrowserTests;

/// <summary>What the browser tests look for on a page with the chat.</summary>
internal static class WebChatPage
{
    public const string DoctorNote = "This is general information, not medical advice.";
    public const string Greeting = "Hello! I answer common questions about IVIG";
    public const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user)";
    public const string UserBubbles = ".webchat__bubble.webchat__bubble--from-user";
    public const string SendBox = "[data-id='webchat-sendbox-input']";

    /// <summary>How long a test waits for the chat, in milliseconds.</summary>
    public const float Patience = 30_000;

    /// <summary>The whole text, allowing the typographic quotes Web Chat's Markdown renderer puts in.</summary>
    public static Regex Exactly(string text) => new("^\\s*" + Regex.Escape(text)
        .Replace("\"", "[\"“”]", StringComparison.Ordinal)
        .Replace("'", "['‘’]", StringComparison.Ordinal) + "\\s*$");
}
