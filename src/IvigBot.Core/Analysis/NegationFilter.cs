namespace IvigBot.Analysis;

/// <summary>
/// Turns every way of saying "not" ("doesn't", "didnt", "can't", "never") into the one token "not", which
/// is kept: "what if IVIG doesn't work" asks something else than "how does IVIG work".
/// </summary>
public static class NegationFilter
{
    public const string Not = "not";

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "doesnt", "dont", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "cant", "cannot", "couldnt",
        "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "never", "nt",
    };

    public static string Normalize(string token) => Negations.Contains(token) ? Not : token;
}
