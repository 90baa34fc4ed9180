using System.Text.RegularExpressions;
using Microsoft.Playwright;

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

    /// <summary>
    /// Waits until Web Chat has stopped scrolling its transcript: its scroll position unchanged for half a second. Web
    /// Chat scrolls after an answer is drawn, later on a loaded machine; a fixed pause could look before it is done.
    /// </summary>
    public static Task TranscriptSettledAsync(IPage page) => page.WaitForFunctionAsync(
        """
        () => {
          const transcript = document.querySelector('.webchat__basic-transcript__scrollable');
          if (!transcript) return false;
          const now = performance.now();
          if (window.ivigbotTestScrollTop !== transcript.scrollTop) {
            window.ivigbotTestScrollTop = transcript.scrollTop;
            window.ivigbotTestScrolledAt = now;
            return false;
          }
          return now - window.ivigbotTestScrolledAt >= 500;
        }
        """,
        null,
        new() { PollingInterval = 100, Timeout = Patience });

    /// <summary>The whole text, allowing the typographic quotes Web Chat's Markdown renderer puts in.</summary>
    public static Regex Exactly(string text) => new("^\\s*" + Regex.Escape(text)
        .Replace("\"", "[\"“”]", StringComparison.Ordinal)
        .Replace("'", "['‘’]", StringComparison.Ordinal) + "\\s*$");
}
