using IvigBot.Analysis;
using IvigBot.Answering;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;

namespace IvigBot.Core.Tests.Answering;

public class AnswerEngineTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    private readonly AnswerEngine _engine = fixture.Engine;
    private readonly string _doctorNote = new AnsweringOptions().DoctorNote;

    [Fact]
    public void Ivig_flu_is_answered_with_symptoms_source_and_doctor_note()
    {
        var result = _engine.Answer("what is IVIG flu");

        Assert.Equal(AnswerKind.Answer, result.Kind);
        Assert.Equal("ivig-flu", result.Id);
        foreach (var symptom in new[] { "headache", "fever", "chills" })
        {
            Assert.Contains(symptom, result.Text, StringComparison.OrdinalIgnoreCase);
        }

        var source = fixture.Content.Entries.Single(e => e.Id == "ivig-flu").Source;
        Assert.Equal(source, result.Source);
        Assert.Contains("Source: " + source, result.Text, StringComparison.Ordinal);
        Assert.EndsWith(_doctorNote, result.Text, StringComparison.Ordinal);
        Assert.InRange(result.Confidence, fixture.Options.AnswerThreshold, 1);
    }

    [Theory]
    [InlineData("what is IVIG flu", AnswerKind.Answer)]
    [InlineData("best pizza near me", AnswerKind.Fallback)]
    [InlineData("i cant breathe", AnswerKind.Emergency)]
    [InlineData("i want to kill myself", AnswerKind.Emergency)]
    [InlineData("should i stop my ivig", AnswerKind.Advice)]
    [InlineData("what dose should i take", AnswerKind.Advice)]
    public void Every_medical_reply_ends_with_the_doctor_note(string question, AnswerKind kind)
    {
        var result = _engine.Answer(question);

        Assert.Equal(kind, result.Kind);
        Assert.EndsWith(_doctorNote, result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clarify_reply_lists_the_candidates_and_ends_with_the_doctor_note()
    {
        // Thresholds that no question meets for an answer, so every close match asks the patient to choose.
        var options = new AnsweringOptions { AnswerThreshold = 1, ClarifyThreshold = 0.3 };
        using var engine = new AnswerEngine(fixture.Content, options);

        var result = engine.Answer("how long");

        Assert.Equal(AnswerKind.Clarify, result.Kind);
        Assert.InRange(result.Suggestions.Count, 2, 3);
        Assert.All(result.Suggestions, s => Assert.Contains(s.Question, result.Text, StringComparison.Ordinal));
        Assert.EndsWith(_doctorNote, result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i cant breath")]
    [InlineData("my troat is swelling")]
    [InlineData("chest pian")]
    [InlineData("my face is drooping")]
    public void Emergency_replies_start_by_telling_to_call_emergency_services(string question)
    {
        var result = _engine.Answer(question);

        Assert.Equal(AnswerKind.Emergency, result.Kind);
        Assert.StartsWith("**Call emergency services", result.Text, StringComparison.Ordinal);
        Assert.Null(result.Id);
    }

    [Theory]
    [InlineData("i havent peed since yesterday")]
    [InlineData("i want to kill myself")]
    [InlineData("my leg is swollen and red")]
    public void Every_emergency_reply_opens_with_call_emergency_services_in_bold(string question)
    {
        var result = _engine.Answer(question);

        Assert.Equal(AnswerKind.Emergency, result.Kind);
        Assert.StartsWith("**", result.Text, StringComparison.Ordinal);
        var opening = result.Text[..result.Text.IndexOf("**", 2, StringComparison.Ordinal)];
        Assert.Contains("call emergency services", opening, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("i want to kill myself")]
    [InlineData("I keep thinking I'd be better off dead")]
    [InlineData("thinking about suicide since my diagnosis")]
    public void Self_harm_replies_give_the_crisis_line(string question)
    {
        var result = _engine.Answer(question);

        Assert.Equal(AnswerKind.Emergency, result.Kind);
        Assert.Contains("988", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's the weather tomorrow")]
    [InlineData("best pizza near me")]
    [InlineData("asdfgh qwerty")]
    [InlineData("reset my password")]
    [InlineData("who won the football last night")]
    public void Off_topic_questions_fall_back(string question)
    {
        var result = _engine.Answer(question);

        Assert.True(result.Kind == AnswerKind.Fallback, $"'{question}' got {result.Kind} {result.Id} ({result.Confidence})");
        Assert.Null(result.Id);
        Assert.NotEmpty(result.Suggestions);
    }

    /// <summary>
    /// Not sure enough to answer or to ask "which of these?", the bot still offers the question the patient most
    /// probably meant, first; a message it finds nothing close to gets the example questions only.
    /// </summary>
    [Fact]
    public void When_it_does_not_know_the_likeliest_question_is_offered_first()
    {
        var unsure = _engine.Answer("why do supplies of it run low");
        var nothing = _engine.Answer("asdfgh qwerty");

        Assert.Equal(AnswerKind.Fallback, unsure.Kind);
        Assert.Equal("supply-shortage", unsure.Suggestions[0].Id);
        Assert.Contains(unsure.Suggestions[0].Question, unsure.Text, StringComparison.Ordinal);
        Assert.Equal(AnswerKind.Fallback, nothing.Kind);
        Assert.Equal(AnsweringOptions.DefaultExampleQuestions, nothing.Suggestions.Select(s => s.Id));
    }

    [Fact]
    public void Advice_refers_to_the_care_team_and_adds_general_information()
    {
        var result = _engine.Answer("should i stop my ivig");

        Assert.Equal(AnswerKind.Advice, result.Kind);
        Assert.Contains("care team", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(result.Id);
        var general = fixture.Content.Entries.Single(e => e.Id == result.Id);
        Assert.Contains(general.Question, result.Text, StringComparison.Ordinal);
        Assert.Contains("Source: " + general.Source, result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dose_question_gets_no_dose()
    {
        var result = _engine.Answer("how many grams of ivig per kg should i get");

        Assert.Equal(AnswerKind.Advice, result.Kind);
        Assert.DoesNotMatch(@"\d\s*(g|mg)\s*/\s*kg", result.Text);
    }

    [Fact]
    public void What_does_ivig_do_is_answered_not_treated_as_advice()
    {
        var result = _engine.Answer("what does ivig do");

        Assert.Equal(AnswerKind.Answer, result.Kind);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("thanks!")]
    [InlineData("ta")]
    [InlineData("how are you today?")]
    [InlineData("who am i talking to?")]
    [InlineData("what can i ask you?")]
    [InlineData("see ya")]
    public void Smalltalk_is_answered_kindly_with_examples(string message)
    {
        var result = _engine.Answer(message);

        Assert.Equal(AnswerKind.Smalltalk, result.Kind);
        Assert.NotEmpty(result.Suggestions);
        Assert.Equal(result.Suggestions.Count, result.Suggestions.Select(s => s.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("how are you?", "I'm well")]
    [InlineData("who am i talking to?", "I'm IvigBot")]
    [InlineData("are you a real person?", "I'm IvigBot")]
    [InlineData("what can i ask you?", "You can ask me")]
    public void Questions_about_the_assistant_say_it_is_not_a_person_or_a_doctor(string message, string replyStart)
    {
        var result = _engine.Answer(message);

        Assert.Equal(AnswerKind.Smalltalk, result.Kind);
        Assert.StartsWith(replyStart, result.Text, StringComparison.Ordinal);
        Assert.Contains("not a person", result.Text, StringComparison.Ordinal);
        Assert.Contains("care team", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_question_asks_for_a_question(string question)
    {
        var result = _engine.Answer(question);

        Assert.Equal(AnswerKind.Smalltalk, result.Kind);
        Assert.Contains("question", result.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AnswerById_returns_exactly_that_entry_with_full_confidence()
    {
        var result = _engine.AnswerById("ivig-flu");

        Assert.NotNull(result);
        Assert.Equal(AnswerKind.Answer, result.Kind);
        Assert.Equal("ivig-flu", result.Id);
        Assert.Equal(1, result.Confidence);
        Assert.Equal(fixture.Content.Entries.Single(e => e.Id == "ivig-flu").Question, result.Question);
        Assert.EndsWith(_doctorNote, result.Text, StringComparison.Ordinal);
        Assert.NotEmpty(result.Suggestions);
        Assert.DoesNotContain(result.Suggestions, s => s.Id == "ivig-flu");
        Assert.All(result.Suggestions, s => Assert.NotNull(_engine.Index.Find(s.Id)));
    }

    [Fact]
    public void AnswerById_with_an_unknown_id_is_null()
    {
        Assert.Null(_engine.AnswerById("no-such-entry"));
    }

    [Fact]
    public void Every_entry_can_be_answered_by_its_id()
    {
        var failed = fixture.Content.Entries.Where(e => _engine.AnswerById(e.Id)?.Id != e.Id).Select(e => e.Id).ToList();

        Assert.True(failed.Count == 0, "not answerable by id: " + string.Join(", ", failed));
    }

    [Theory]
    [InlineData("what is IVIG flu")]
    [InlineData("ivig kidneys")]
    [InlineData("best pizza near me")]
    [InlineData("hi")]
    [InlineData("should i stop my ivig")]
    [InlineData("ivig side effects")]
    public void Every_suggestion_resolves_to_its_question(string question)
    {
        var result = _engine.Answer(question);

        Assert.All(result.Suggestions, s =>
        {
            var chosen = _engine.AnswerById(s.Id);
            Assert.NotNull(chosen);
            Assert.Equal(s.Id, chosen.Id);
            Assert.Equal(s.Question, chosen.Question);
        });
    }

    [Fact]
    public void Confidence_is_always_between_0_and_1()
    {
        var questions = File.ReadLines(RepoPaths.EvalQuestions)
            .Where(l => l.Length > 0)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!)
            .Concat(["", "?", "ivig ivig ivig ivig", new string('a', 5000), string.Join(' ', Enumerable.Repeat("why", 300)), "😀😀", "0.4 g/kg", "Guillain-Barré"])
            .ToList();

        var outside = questions
            .Select(q => (Question: q, _engine.Answer(q).Confidence))
            .Where(r => r.Confidence is < 0 or > 1 || double.IsNaN(r.Confidence))
            .Select(r => $"{r.Question[..Math.Min(40, r.Question.Length)]}: {r.Confidence}")
            .ToList();

        Assert.True(outside.Count == 0, string.Join('\n', outside));
    }

    [Fact]
    public void Rank_confidences_are_between_0_and_1_and_ordered_candidates_exist()
    {
        var ranked = _engine.Rank("ivig headache");

        Assert.NotEmpty(ranked);
        Assert.All(ranked, c => Assert.InRange(c.Confidence, 0, 1));
    }

    [Fact]
    public void A_rambling_multi_sentence_question_is_answered()
    {
        var result = _engine.Answer("I got my second IVIG yesterday and now I have a dull headache, kind of like a hangover. Tylenol takes the edge off. Is a headache after IVIG common?");

        Assert.Equal(AnswerKind.Answer, result.Kind);
        Assert.Equal("headache-after-ivig", result.Id);
    }

    [Theory]
    [InlineData("What is IVIG?", "what-is-ivig")]
    [InlineData("whats ivig", "what-is-ivig")]
    [InlineData("what is I.V.I.G.?", "what-is-ivig")]
    [InlineData("ivig side effects", "common-side-effects")]
    public void A_question_of_only_the_subject_and_question_words_finds_its_own_entry(string question, string expected)
    {
        // Regression: when every row says "ivig", BM25 gives it no weight, and twelve candidates taken among equal
        // scores could miss the entry whose wording matches.
        var result = _engine.Answer(question);

        Assert.Equal(AnswerKind.Answer, result.Kind);
        Assert.Equal(expected, result.Id);
    }

    [Fact]
    public void A_vague_last_question_takes_its_meaning_from_the_sentences_before_it()
    {
        var result = _engine.Answer("Every time I get my IVIG I'm fine during the infusion, but the next day I'm achy, chilly and queasy, like I'm coming down with the flu. It goes away after a day or two. Is this a known thing?");

        Assert.Equal(AnswerKind.Answer, result.Kind);
        Assert.Equal("ivig-flu", result.Id);
    }

    [Theory]
    [InlineData("My daughter was just diagnosed. What does IVIG do for Kawasaki disease?", "What does IVIG do for Kawasaki disease")]
    [InlineData("Some background first. My son has Kawasaki disease. What does it do?", "My son has Kawasaki disease. What does it do")]
    [InlineData("I had IVIG today. Thanks", null)]
    [InlineData("what is ivig", null)]
    [InlineData("The day after IVIG I feel achy and queasy. It goes away. Is this normal?", "It goes away. Is this normal")]
    [InlineData("I feel achy and queasy after IVIG. Is this normal?", null)]
    public void QuestionSentence_picks_the_asking_sentence(string message, string? expected)
    {
        Assert.Equal(expected, AnswerEngine.QuestionSentence(message));
    }

    [Fact]
    public void Default_examples_are_distinct_existing_entries()
    {
        Assert.NotEmpty(_engine.Examples);
        Assert.Equal(_engine.Examples.Count, _engine.Examples.Select(e => e.Id).Distinct().Count());
        Assert.All(_engine.Examples, e => Assert.NotNull(_engine.AnswerById(e.Id)));
    }

    [Fact]
    public void Configured_examples_that_do_not_exist_are_left_out()
    {
        using var engine = new AnswerEngine(fixture.Content, new AnsweringOptions { ExampleQuestions = ["ivig-flu", "no-such-entry"] });

        Assert.Equal(["ivig-flu"], engine.Examples.Select(e => e.Id));
    }

    /// <summary>
    /// Questions that say little besides question words and one or two common content words: the question words
    /// decide. Before ranking weighed the wording by its share of the question, "what should i do when i get home
    /// from my infusion" was answered with home infusion and "what are the usual reactions to ivig" with telling the
    /// care team about other medicines.
    /// </summary>
    [Theory]
    [InlineData("what should i do when i get home from my infusion", "after-infusion")]
    [InlineData("what are the usual reactions to ivig", "common-side-effects")]
    public void Question_words_carry_a_question_with_few_content_words_to_its_entry(string question, string expected)
    {
        var result = _engine.Answer(question);

        Assert.Equal(AnswerKind.Answer, result.Kind);
        Assert.Equal(expected, result.Id);
    }

    [Theory]
    [InlineData("what is IVIG", AnswerEngine.CommonQuestionCandidateCount)]
    [InlineData("can I drive home after my infusion", AnswerEngine.CandidateCount)]
    public void The_engine_ranks_what_its_searcher_finds_asking_for_more_candidates_when_every_word_is_common(string question, int candidates)
    {
        var searcher = new RecordingSearcher(new FaqSearcher(FaqIndexBuilder.Build(fixture.Content.Documents, fixture.Content.Synonyms)));
        using var engine = new AnswerEngine(searcher, fixture.Content.TriageRules, new AnsweringOptions { Semantic = false, CacheSize = 0 });

        var result = engine.Answer(question);

        Assert.Equal(candidates, searcher.Limits[0]);
        Assert.Contains(searcher.Found, p => p.Document.Id == result.Id);
    }

    /// <summary>The shipped FAQ's searcher, noting what the engine asks of it and what it finds.</summary>
    private sealed class RecordingSearcher(IFaqSearcher inner) : IFaqSearcher
    {
        public List<int> Limits { get; } = [];

        public List<ScoredPassage> Found { get; } = [];

        public FaqIndex Index => inner.Index;

        public IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit)
        {
            Limits.Add(limit);
            var found = inner.Search(query, limit);
            Found.AddRange(found);
            return found;
        }

        public bool AllTermsCommon(AnalyzedQuery query) => inner.AllTermsCommon(query);

        public IReadOnlyList<TermMatch> Matches(AnalyzedQuery query, int ordinal) => inner.Matches(query, ordinal);
    }
}
