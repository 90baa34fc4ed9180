using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;
using IvigBot.Search;

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
    public void Unjudged_queries_are_not_counted_and_a_query_judged_only_irrelevant_counts_as_a_miss()
    {
        var report = Run("query_id\tfaq_id\trelevance\nq1\tf1\t1\nq2\tf2\t0\n");

        Assert.Equal(2, report.Queries);
        Assert.Equal(0.5, report.PrecisionAt1);
    }

    [Theory]
    [InlineData(1, 1.0, 1.0)]   // grades 3 and 1 are both relevant at grade >= 1
    [InlineData(2, 0.5, 0.5)]   // at grade >= 2 only q1's entry is relevant: q2 has none
    public void Graded_judgements_give_the_mean_first_grade_and_count_relevance_from_a_grade(int relevantGrade, double p1, double mrr)
    {
        var qrels = _folder.Write("graded.tsv", "query_id\tanswer_id\tgrade\nq1\tf1\t3\nq2\tf2\t1\nq2\tf3\t0\n");

        var report = RetrievalBenchmark.Run([Path.Combine(_folder.Path, "bank.jsonl")], Path.Combine(_folder.Path, "queries.jsonl"), qrels, relevantGrade: relevantGrade);

        Assert.Equal(2, report.Queries);
        Assert.Equal(2.0, report.MeanTop1Grade, 6);
        Assert.Equal(p1, report.PrecisionAt1, 6);
        Assert.Equal(mrr, report.MrrAt10, 6);
        Assert.Equal(relevantGrade, report.RelevantGrade);
    }

    [Fact]
    public void A_later_gzipped_bank_replaces_entries_with_the_same_id_and_entries_without_answers_are_skipped()
    {
        var gz = Path.Combine(_folder.Path, "medquad.jsonl.gz");
        using (var file = File.Create(gz))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        using (var writer = new StreamWriter(zip))
        {
            writer.Write("""
                {"doc_id": "m1", "question": "What is gout?", "answer": "", "focus": "Gout"}
                {"doc_id": "m2", "question": "What causes anemia?", "answer": "Old text.", "focus": "Anemia"}
                """);
        }

        var pool = _folder.Write("pool.jsonl", """{"answer_id": "m2", "question": "What causes anemia?", "answer": "Anemia is caused by low iron."}""" + "\n");

        var entries = BenchmarkBank.LoadEntries([gz, pool]);

        var entry = Assert.Single(entries);
        Assert.Equal(("m2", "Anemia is caused by low iron."), (entry.Id, entry.Answer));
    }

    [Fact]
    public void A_query_without_query_text_is_its_subject_and_message()
    {
        var queries = _folder.Write("liveqa.jsonl", """{"query_id": "TQ1", "subject": "Gluten information", "message": "are these tablets gluten free"}""" + "\n");

        Assert.Equal([("TQ1", "Gluten information. are these tablets gluten free")], BenchmarkBank.LoadQueries(queries));
    }

    [Fact]
    public void A_judgement_line_without_a_grade_names_file_and_line()
    {
        var qrels = _folder.Write("broken.tsv", "query_id\tfaq_id\trelevance\nq1\tf1\t1\nq2\tf2\n");

        var error = Assert.Throws<InvalidDataException>(() => BenchmarkBank.LoadJudgements(qrels));

        Assert.Contains("broken.tsv:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_line_names_file_and_line()
    {
        var bad = _folder.Write("bad.jsonl", "{\"faq_id\": \"f1\", \"question\": \"q\", \"answer\": \"a\"}\n{not json\n");

        var error = Assert.Throws<InvalidDataException>(() =>
            RetrievalBenchmark.Run(bad, Path.Combine(_folder.Path, "queries.jsonl"), _folder.Write("qrels.tsv", "h\nq1\tf1\t1\n")));

        Assert.Contains("bad.jsonl:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headlines_only_ranks_the_sets_answer_questions_against_entries_without_their_alternates_or_passages()
    {
        static FaqDocument Document(string id, FaqDocumentKind kind, string question, string answer, params string[] alternates) =>
            new() { Id = id, Kind = kind, Question = question, Alternates = alternates, Answer = answer, Source = "test", Location = new SourceLocation("test.md", 1) };
        FaqDocument[] documents =
        [
            Document("storage", FaqDocumentKind.Entry, "How is the vaccine stored?", "Vaccines are kept cold.", "fridge temperature for jabs"),
            Document("masks", FaqDocumentKind.Entry, "Can children wear face masks?", "Children over two can wear one; keep it away from the fridge temperature dial."),
            Document("article#1", FaqDocumentKind.Passage, "Jabs: fridge temperature", "Jabs are stored at fridge temperature."),
        ];
        EvalQuestion[] questions =
        [
            new() { Question = "fridge temperature for jabs", Kind = AnswerKind.Answer, Id = "storage" },
            new() { Question = "face masks for children", Kind = AnswerKind.Answer, Id = "masks" },
            new() { Question = "my child can't breathe", Kind = AnswerKind.Emergency },
        ];

        var report = RetrievalBenchmark.RunHeadlinesOnly(documents, questions, answering: new AnsweringOptions { Semantic = false });

        Assert.Equal(2, report.Queries); // the emergency is not a ranking question
        Assert.Equal(2, report.FaqEntries); // the passage is left out
        Assert.Equal(0.5, report.PrecisionAt1); // the first question matches only an alternate, which the bank does not have
    }

    [Fact]
    public void Overlapping_and_shared_bank_answers_join_answers_of_the_same_topic_and_keep_each_entrys_question()
    {
        static FaqDocument Entry(string id, string topic) =>
            new() { Id = id, Kind = FaqDocumentKind.Entry, Question = $"Question {id}?", Alternates = ["also " + id], Answer = $"Answer {id}.", Source = "test", Topic = topic, Location = new SourceLocation("test.md", 1) };
        FaqDocument[] documents =
        [
            Entry("a1", "A"), Entry("a2", "A"), Entry("a3", "A"), Entry("a4", "A"),
            Entry("b1", "B"),
            new() { Id = "article#1", Kind = FaqDocumentKind.Passage, Question = "Article", Answer = "Passage.", Source = "test", Topic = "A", Location = new SourceLocation("article.md", 1) },
        ];

        var own = RetrievalBenchmark.HeadlineBank(documents);
        var overlapping = RetrievalBenchmark.HeadlineBank(documents, HeadlineAnswers.Overlapping);
        var shared = RetrievalBenchmark.HeadlineBank(documents, HeadlineAnswers.Shared);

        Assert.All([own, overlapping, shared], bank => Assert.Equal(["a1", "a2", "a3", "a4", "b1"], bank.Select(d => d.Id)));
        Assert.All([own, overlapping, shared], bank => Assert.All(bank, d => Assert.Empty(d.Alternates)));
        Assert.All([own, overlapping, shared], bank => Assert.Equal(documents[..5].Select(d => d.Question), bank.Select(d => d.Question)));
        Assert.Equal("Answer a1.", own[0].Answer);
        // Its own answer, then the next ones of its topic, the topic's first ones after its last: each text in three answers.
        Assert.Equal("Answer a1.\n\nAnswer a2.\n\nAnswer a3.", overlapping[0].Answer);
        Assert.Equal("Answer a3.\n\nAnswer a4.\n\nAnswer a1.", overlapping[2].Answer);
        Assert.Equal("Answer b1.", overlapping[4].Answer); // alone in its topic
        // Groups of three in order, one answer each; the last group of a topic may be smaller.
        Assert.Equal(shared[0].Answer, shared[2].Answer);
        Assert.Equal("Answer a1.\n\nAnswer a2.\n\nAnswer a3.", shared[1].Answer);
        Assert.Equal("Answer a4.", shared[3].Answer);
    }

    [Fact]
    public void With_meaning_off_a_bank_of_headline_questions_counts_the_answer_as_much_as_the_question()
    {
        // An entry with one short headline says most of what it is about in its answer: there, a question's words in an
        // answer weigh as much as in a headline (in the shipped FAQ, with its many phrasings, an answer counts 0.4).
        var bank = _folder.Write("travel.jsonl", """
            {"faq_id": "holiday", "question": "Can I go on holiday during treatment?", "answer": "Yes: plan your flights around your infusions."}
            {"faq_id": "how-often", "question": "How often are infusions given?", "answer": "Every three to four weeks."}
            {"faq_id": "storage", "question": "How is the medicine stored?", "answer": "In a fridge."}
            """);
        var queries = _folder.Write("travel-queries.jsonl", """{"query_id": "q1", "query": "flights and infusions"}""" + "\n");
        var qrels = _folder.Write("travel-qrels.tsv", "query_id\tfaq_id\trelevance\nq1\tholiday\t1\n");
        var lexical = new AnsweringOptions { Semantic = false };

        var shipped = RetrievalBenchmark.Run([bank], queries, qrels, answering: lexical);
        var answerAtFaqWeight = RetrievalBenchmark.Run([bank], queries, qrels, new RankingWeights { HeadlineFields = new FieldWeights() }, answering: lexical);

        Assert.Equal(1.0, shipped.PrecisionAt1);
        Assert.Equal(0.0, answerAtFaqWeight.PrecisionAt1); // the headline with "infusions" would win
    }
}
