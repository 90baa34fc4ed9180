using IvigBot.Search;
using IvigBot.Semantic;

namespace IvigBot.Answering;

/// <summary>Settings of the <c>Answering</c> section of <c>appsettings.json</c>.</summary>
public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary>The note that ends every medical reply. Default: "This is general information, not medical advice. …".</summary>
    public string DoctorNote { get; set; } =
        "This is general information, not medical advice. Please talk to your doctor or care team about your own treatment.";

    /// <summary>The text that <see cref="EmergencyNumberPlaceholder"/> stands for in <c>faq/triage.md</c>'s replies.</summary>
    public const string EmergencyNumberPlaceholder = "{emergency-number}";

    /// <summary>
    /// Who to call in an emergency, as patients read it after "Call emergency services now": in every emergency reply
    /// of <c>faq/triage.md</c> (where it says <c>{emergency-number}</c>) and on the patient page. A clinic sets it once,
    /// e.g. "999" or "112". Default: "911 in the US, 999 in the UK, 112 in Europe".
    /// </summary>
    public string EmergencyNumber { get; set; } = "911 in the US, 999 in the UK, 112 in Europe";

    /// <summary>At or above this confidence the bot answers. Default 0.42 (calibrated on tests/eval/questions.jsonl).</summary>
    public double AnswerThreshold { get; set; } = 0.42;

    /// <summary>At or above this confidence (and below <see cref="AnswerThreshold"/>) the bot offers close questions; below it, it says it does not know. Default 0.36.</summary>
    public double ClarifyThreshold { get; set; } = 0.36;

    /// <summary>
    /// When the bot does not know, the likeliest entry at or above this confidence (or <see cref="ClarifyThreshold"/>,
    /// whichever is lower) is offered first among the example questions: a patient it did not understand
    /// sees the question they most probably meant. Default 0.25 (chosen on tests/eval/questions.jsonl: both answerable
    /// messages it refuses get their entry offered, and 4 of its 36 off-topic messages get an IVIG question offered).
    /// </summary>
    public double SuggestThreshold { get; set; } = 0.25;

    /// <summary>How many related or candidate questions to offer. Default 3.</summary>
    public int MaxSuggestions { get; set; } = 3;

    /// <summary>
    /// How many answers the engine keeps for repeated questions (same words, case and spacing aside); 0 turns the
    /// cache off. The cache is emptied whenever the content is reloaded. Default 1024.
    /// </summary>
    public int CacheSize { get; set; } = 1024;

    /// <summary>BM25 term-frequency saturation of the index, the same when it is written and searched. Default 1.2.</summary>
    public float Bm25K1 { get; set; } = FaqIndexBuilder.DefaultK1;

    /// <summary>BM25 length normalisation (0: none, 1: full), the same when the index is written and searched. Default 0.75.</summary>
    public float Bm25B { get; set; } = FaqIndexBuilder.DefaultB;

    /// <summary>
    /// Where the Lucene index is kept: empty (the default) in memory, built at start-up; or a folder, for large banks
    /// (tens of thousands of passages), where each version of the content gets its own index, reopened at start-up
    /// when the content has not changed and written anew (the older one deleted) when it has.
    /// </summary>
    public string IndexFolder { get; set; } = "";

    /// <summary>
    /// Whether the bot reads meaning as well as words: a sentence-embedding model (snowflake-arctic-embed-xs, shipped
    /// in the application) compares each message with every question, alternate and answer, and that closeness joins
    /// BM25 in the ranking. Default true. False gives the lexical bot only, for very small machines: the model is never
    /// loaded (about 300 MB less memory, a second less start-up).
    /// </summary>
    public bool Semantic { get; set; } = true;

    /// <summary>
    /// Whether the sentence-embedding model's weight matrices are quantized to 8-bit integers when it loads (from the
    /// shipped model, in a fraction of a second): less than half the CPU per model run, with vectors within a cosine
    /// of 0.999 of the float model's and the same eval figures (docs/benchmarks.md). Default true. False runs the
    /// model in 32-bit floats as shipped. The two kinds' document vectors are cached apart. Only read with
    /// <see cref="Semantic"/> on.
    /// </summary>
    public bool QuantizedModel { get; set; } = SentenceEmbedder.QuantizedByDefault;

    /// <summary>
    /// Where the documents' sentence vectors are kept between runs (keyed by each text's hash, so that a start-up or
    /// reload encodes only new or edited texts): a folder, or empty (the default) for <c>ivigbot/vectors</c> in the
    /// user's own application-data folder (<c>~/.local/share</c> on Linux), never a shared temporary folder where
    /// another local user could plant vectors for the triage examples. Only read with <see cref="Semantic"/> on.
    /// </summary>
    public string VectorCacheFolder { get; set; } = "";

    /// <summary>The folder <see cref="VectorCacheFolder"/> stands for.</summary>
    public string EffectiveVectorCacheFolder =>
        string.IsNullOrWhiteSpace(VectorCacheFolder) ? DefaultVectorCacheFolder : VectorCacheFolder;

    private static string DefaultVectorCacheFolder
    {
        get
        {
            var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            // A service account without a home has no such folder: the vectors are then encoded at every start.
            return Path.Combine(string.IsNullOrEmpty(userData) ? Path.Combine(AppContext.BaseDirectory, "data") : userData, "ivigbot", "vectors");
        }
    }

    /// <summary>The example questions used when <see cref="ExampleQuestions"/> is empty.</summary>
    public static readonly IReadOnlyList<string> DefaultExampleQuestions = ["what-is-ivig", "ivig-flu", "infusion-length", "common-side-effects"];

    /// <summary>
    /// Entry ids offered as example questions in greetings and when the bot has no answer. Empty (the default)
    /// means <see cref="DefaultExampleQuestions"/>. (A list with default items would be appended to, not replaced, by configuration binding.)
    /// </summary>
    public IList<string> ExampleQuestions { get; set; } = [];

    /// <summary>The example question ids in effect, without repeats.</summary>
    public IEnumerable<string> EffectiveExampleQuestions =>
        (ExampleQuestions.Count > 0 ? ExampleQuestions.AsEnumerable() : DefaultExampleQuestions).Distinct(StringComparer.Ordinal);

    /// <summary>Checks the settings; returns what is wrong, or nothing.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(EmergencyNumber) || EmergencyNumber.Length > 100)
        {
            yield return "Answering:EmergencyNumber must be between 1 and 100 characters, e.g. \"999\" or \"911\".";
        }

        if (string.IsNullOrWhiteSpace(DoctorNote))
        {
            yield return "Answering:DoctorNote must not be empty: every medical reply ends with it.";
        }

        if (AnswerThreshold is <= 0 or > 1)
        {
            yield return "Answering:AnswerThreshold must be above 0 and at most 1.";
        }

        if (ClarifyThreshold < 0 || ClarifyThreshold > AnswerThreshold)
        {
            yield return "Answering:ClarifyThreshold must be between 0 and Answering:AnswerThreshold.";
        }

        if (SuggestThreshold is < 0 or > 1)
        {
            yield return "Answering:SuggestThreshold must be between 0 and 1.";
        }

        if (MaxSuggestions is < 0 or > 10)
        {
            yield return "Answering:MaxSuggestions must be between 0 and 10.";
        }

        if (!float.IsFinite(Bm25K1) || Bm25K1 < 0)
        {
            yield return "Answering:Bm25K1 must be 0 or more.";
        }

        if (Bm25B is < 0 or > 1 || float.IsNaN(Bm25B))
        {
            yield return "Answering:Bm25B must be between 0 and 1.";
        }

        if (CacheSize is < 0 or > 1_000_000)
        {
            yield return "Answering:CacheSize must be between 0 (off) and 1000000.";
        }
    }
}
