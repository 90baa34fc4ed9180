namespace IvigBot.Core.Tests.Infrastructure;

/// <summary>Small, valid content files to build temp content folders from; tests break one line at a time.</summary>
internal static class ContentSamples
{
    /// <summary>A valid entries file; line numbers are fixed: heading on 3, id 4, source 5, reviewed 6, alternates 8-10, answer 12.</summary>
    public static readonly string[] EntryLines =
    [
        "# Side effects",
        "",
        "## What is IVIG flu?",
        "id: ivig-flu",
        "source: Patient column, source document 002",
        "reviewed: 2026-11-21",
        "also asked as:",
        "- ivig flu symptoms",
        "- flu like symptoms after infusion",
        "- ivig headache fever chills",
        "",
        "Some people feel as if they are getting the flu for a day or two after an infusion: headache, fever and chills.",
    ];

    /// <summary>An entry as loaded content, without alternates, for building an index in a test.</summary>
    public static IvigBot.Content.FaqDocument Document(string id, string question, string answer) => new()
    {
        Id = id,
        Kind = IvigBot.Content.FaqDocumentKind.Entry,
        Question = question,
        Answer = answer,
        Source = "test",
        Location = new IvigBot.Content.SourceLocation("test.md", 1),
    };

    public static string Entry(string id, string question, string answer, params string[] alternates) =>
        string.Join('\n',
        [
            $"## {question}",
            $"id: {id}",
            "source: Test source",
            "reviewed: 2026-11-21",
            "also asked as:",
            .. (alternates.Length > 0 ? alternates : [$"{id} one", $"{id} two", $"{id} three"]).Select(a => $"- {a}"),
            "",
            answer,
            "",
        ]);

    public const string Triage = """
        ## Trouble breathing
        kind: emergency
        reply: **Call emergency services now** if you have trouble breathing.
        phrases:
        - trouble breathing
        - cant breathe

        ## Greeting
        kind: smalltalk
        reply: Hello!
        phrases:
        - hi
        - hello
        """;

    public const string Synonyms = """
        # comment line
        ivig = intravenous immunoglobulin = igiv
        gbs = guillain barre syndrome = guillain barre = guillain
        """;

    public const string Article = """
        # Living with IVIG
        source: Test article source
        reviewed: 2026-11-21

        ## Planning infusion days

        Many people plan a quiet day after each infusion, with plenty of fluids and rest, because tiredness is common.

        ## Travel

        If you travel, talk to your infusion team well ahead so that treatment can be arranged where you are going.
        """;
}
