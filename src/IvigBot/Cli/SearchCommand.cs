using System.CommandLine;
using System.Globalization;
using IvigBot.Answering;
using IvigBot.Hosting;
using IvigBot.Search;

namespace IvigBot.Cli;

/// <summary>
/// The <c>search</c> verb, for editors: the entries and passages a wording reaches by its words alone (BM25, as the bot
/// ranks them before confidence and meaning), each with its score and the words it matched in which field, so that an
/// editor sees why an entry is found, or not, and which alternate to add.
/// </summary>
public static class SearchCommand
{
    /// <summary>How many documents are listed unless <c>--top</c> says otherwise.</summary>
    public const int DefaultTop = 10;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var question = new Argument<string[]>("question") { Description = "The wording to search, as a patient would type it.", Arity = ArgumentArity.ZeroOrMore };
        var top = new Option<int>("--top") { Description = $"How many entries and passages to list (default {DefaultTop}).", DefaultValueFactory = _ => DefaultTop };
        var command = new Command("search", "List the entries and passages a wording finds by its words, with their BM25 scores and the words each matched.") { question, top };
        command.SetAction(parse =>
        {
            var text = string.Join(' ', parse.GetValue(question) ?? []);
            var limit = parse.GetValue(top);
            if (text.Length == 0 || limit < 1)
            {
                error.WriteLine("Give a wording and, if you like, how many results: search \"can I drive home after\" --top 5");
                return 2;
            }

            var (faq, answering) = IvigBotServiceRegistration.ReadSettings();
            var content = IvigBotCli.LoadContent(faq, error);
            using var index = FaqIndexBuilder.Build(content.Documents, content.Synonyms, answering.Bm25K1, answering.Bm25B);
            Print(new FaqSearcher(index, new RankingWeights().Fields), text, limit, output);
            return 0;
        });
        return command;
    }

    /// <summary>Prints what <paramref name="searcher"/> finds for <paramref name="text"/>: the words searched, then each document found with its matches.</summary>
    public static void Print(IFaqSearcher searcher, string text, int limit, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(searcher);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        var query = searcher.Index.Parser.Analyze(text);
        var searched = query.Terms.Select(t => t.Known ? t.Text : t.Text + " (in no entry)");
        output.WriteLine($"Searched: {(query.IsEmpty ? "nothing (only question words)" : string.Join(", ", searched))}");
        var found = searcher.Search(query, limit);
        if (found.Count == 0)
        {
            output.WriteLine("No entry or passage has these words.");
            return;
        }

        for (var rank = 0; rank < found.Count; rank++)
        {
            var (document, score, ordinal) = found[rank];
            output.WriteLine(string.Create(c, $"{rank + 1,2}. {score,7:F3}  {(document.Kind == Content.FaqDocumentKind.Entry ? "entry  " : "passage")}  {document.Id}  {document.Question}"));
            var matched = searcher.Matches(query, ordinal)
                .GroupBy(m => m.Words, StringComparer.Ordinal)
                .Select(words => words.Key + " (" + string.Join(", ", words.Select(m => string.Create(c, $"{FieldName(m.Field)} {m.Score:F3}"))) + ")");
            output.WriteLine($"               matched: {string.Join("; ", matched)}");
        }
    }

    private static string FieldName(IndexField field) => field switch
    {
        IndexField.Question => "question",
        IndexField.Answer => "answer",
        IndexField.PassageTitle => "title",
        _ => "text",
    };
}
