using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;

namespace IvigBot.Core.Tests.Evaluation;

public sealed class RetrievalBenchmarkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public RetrievalBenchmarkTests()
    {
        _folder.Write("bank.jsonl", """
            {"faq_id": "f1", "question": "How is the vaccine stored?", "answer": "Vaccines are kept in a refrigerator between two and eight degrees."}
            {"faq_id": "f2", "question": "Can children wear face masks?", "answer": "Children over two years old can wear a mask that fits well."}
            {"faq_id": "f3", "question": "How long does quarantine last?", "answer": "Quarantine lasts fourteen days after the last contact with a sick person."}
            """);
        _folder.Write("queries.jsonl", """
            {"query_id": "q1", "query": "vaccine storage refrigerator temperature"}
            {"query_id": "q2", "query": "masks for children"}

            {"query_id": "q3", "query": "how many days of quarantine"}
            """);
    }

    public void Dispose() => _folder.Dispose();

    private BenchmarkReport Run(string qrels) =>
        RetrievalBenchmark.Run(Path.Combine(_folder.Path, "bank.jsonl"), Path.Combine(_folder.Path, "queries.jsonl"), _folder.Write("qrels.tsv", qrels));

    [Fact]
    public void Obvious_queries_rank_their_entry_first()
    {
        var report = Run("query_id\tfaq_id\trelevance\nq1\tf1\t1\nq2\tf2\t1\nq3\tf3\t1\n");

        Assert.Equal(3, report.Queries);
        Assert.Equal(3, report.FaqEntries);
        Assert.Equal(1.0, report.PrecisionAt1);
        Assert.Equal(1.0, report.MrrAt10);
        Assert.Equal(1.0, report.RecallAt5, 6);
        Assert.Equal(1.0, report.NdcgAt10, 6);
    }

    [Fact]
    public void Wrong_judgements_lower_precision()
    {
        var report = Run("query_id\tfaq_id\trelevance\nq1\tf2\t1\nq2\tf3\t1\nq3\tf1\t1\n");

        Assert.True(report.PrecisionAt1 < 1.0, $"P@1 {report.PrecisionAt1}");
        Assert.True(report.MrrAt10 < 1.0);
    }

    [Fact]
    public void Zero_relevance_and_unjudged_queries_are_not_counted()
    {
        var report = Run("query_id\tfaq_id\trelevance\nq1\tf1\t1\nq2\tf2\t0\n");

        Assert.Equal(1, report.Queries);
        Assert.Equal(1.0, report.PrecisionAt1);
    }

    [Fact]
    public void A_malformed_line_names_file_and_line()
    {
        var bad = _folder.Write("bad.jsonl", "{\"faq_id\": \"f1\", \"question\": \"q\", \"answer\": \"a\"}\n{not json\n");

        var error = Assert.Throws<InvalidDataException>(() =>
            RetrievalBenchmark.Run(bad, Path.Combine(_folder.Path, "queries.jsonl"), _folder.Write("qrels.tsv", "h\nq1\tf1\t1\n")));

        Assert.Contains("bad.jsonl:2", error.Message, StringComparison.Ordinal);
    }
}
