using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using LuceneSynonymMap = Lucene.Net.Analysis.Synonym.SynonymMap;

namespace IvigBot.Analysis;

/// <summary>
/// The one analysis chain, for the index and for questions: <see cref="StandardTokenizer"/> →
/// <see cref="LowerCaseFilter"/> → <see cref="ASCIIFoldingFilter"/> ("Guillain-Barré" → "guillain barre", "’" → "'")
/// → <see cref="AcronymFilter"/> ("I.V.I.G." → "ivig") → <see cref="InnerApostropheFilter"/> ("can't" → "cant") → <see cref="NegationFilter"/> ("cant" → "not") →
/// [<see cref="SpellingCorrectionFilter"/> ("kawasacki" → "kawasaki", "guillain bare" → "guillain barre"), in an analyzer
/// made with the index's words, for questions: the corrected word also in its <see cref="IWordAttribute"/>] → [<see cref="StopFilter"/> (<see cref="StopWords"/>), but in <see cref="Question"/>] → <see cref="PorterStemFilter"/> →
/// <see cref="SynonymFilter"/> (every phrase of a <c>faq/synonyms.txt</c> line also as its group's one token,
/// <see cref="SynonymMap.GroupToken"/>; the words stay). The field decides how far the chain runs:
/// <list type="bullet">
/// <item><see cref="Question"/>: the whole chain, question words kept; what the index holds of questions and alternates.</item>
/// <item><see cref="Text"/>, <see cref="Title"/>, <see cref="Passage"/>: the whole chain, question words dropped; what the
/// index holds of answers and of article passages' titles and text.</item>
/// <item><see cref="Stems"/>: the whole chain but the synonyms; how a synonym phrase becomes index terms.</item>
/// <item><see cref="Words"/>: up to the negations; the words of the index's content, as the spelling corrector knows them.</item>
/// <item><see cref="RawWords"/>: up to the apostrophes, negations as written ("cant breathe"), for triage phrases.</item>
/// <item><see cref="Tokenized"/>: the tokenizer alone; the index builder runs the rest on each distinct token and word once.</item>
/// </list>
/// Thread-safe, as every Lucene analyzer: each thread reuses its own chain per field.
/// </summary>
public sealed class FaqAnalyzer : Analyzer
{
    /// <summary>The indexed field of answers: the whole chain without question words.</summary>
    public const string Text = "text";

    /// <summary>The indexed field of article passages' titles and headings: the whole chain without question words.</summary>
    public const string Title = "title";

    /// <summary>The indexed field of article passages' text: the whole chain without question words.</summary>
    public const string Passage = "passage";

    /// <summary>The indexed field of questions and alternates: the whole chain, question words kept.</summary>
    public const string Question = "question";

    /// <summary>The whole chain without synonyms.</summary>
    public const string Stems = "stems";

    /// <summary>Words with negations normalised, not stemmed.</summary>
    public const string Words = "words";

    /// <summary>Words as written (apostrophes dropped), not stemmed.</summary>
    public const string RawWords = "raw";

    /// <summary>The tokenizer's tokens as they are, not lower-cased: the index builder runs <see cref="WordFilters"/> on each distinct one.</summary>
    internal const string Tokenized = "tokenized";

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly LuceneSynonymMap? _synonyms;

    private readonly SpellingCorrector? _speller;

    private readonly SynonymMap _phrases = SynonymMap.Empty;

    /// <summary>The chain without synonyms; enough for <see cref="Words"/>, <see cref="RawWords"/> and <see cref="Stems"/>.</summary>
    public FaqAnalyzer()
        : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    /// <summary>
    /// The chain with <paramref name="synonyms"/>' groups in the indexed fields and, given a <paramref name="speller"/>,
    /// spelling correction before them (for questions; the index's own words need none).
    /// </summary>
    public FaqAnalyzer(SynonymMap synonyms, SpellingCorrector? speller = null)
        : base(PER_FIELD_REUSE_STRATEGY)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        _speller = speller;
        _phrases = synonyms;
        if (synonyms.Groups.Count == 0)
        {
            return;
        }

        var builder = new LuceneSynonymMap.Builder(dedup: true);
        for (var group = 0; group < synonyms.Groups.Count; group++)
        {
            var token = new CharsRef(SynonymMap.GroupToken(group));
            foreach (var phrase in synonyms.Groups[group])
            {
                var stems = Shared.Tokens(Stems, string.Join(' ', phrase));
                if (stems.Count > 0)
                {
                    builder.Add(LuceneSynonymMap.Builder.Join([.. stems], new CharsRef()), token, includeOrig: true);
                }

                // As answer text holds it ("accident and emergency" → accid emerg), unless too little is left ("a&e" → e).
                var withoutStopWords = phrase.Where(word => !StopWords.IsStopWord(word)).SelectMany(word => Shared.Tokens(Stems, word)).ToArray();
                if (withoutStopWords.Length > 1 && withoutStopWords.Length < stems.Count)
                {
                    builder.Add(LuceneSynonymMap.Builder.Join(withoutStopWords, new CharsRef()), token, includeOrig: true);
                }
            }
        }

        _synonyms = builder.Build();
    }

    /// <summary>One analyzer without synonyms for everyone who only needs words or stems.</summary>
    public static FaqAnalyzer Shared { get; } = new();

    /// <summary>The words of <paramref name="text"/> (<see cref="Words"/>): "I can't breathe" → i, not, breathe.</summary>
    public static List<string> WordsOf(string text) => Shared.Tokens(Words, text);

    /// <summary>The words of <paramref name="text"/> as written (<see cref="RawWords"/>): "I can't breathe" → i, cant, breathe.</summary>
    public static List<string> RawWordsOf(string text) => Shared.Tokens(RawWords, text);

    /// <summary>The terms the chain makes of <paramref name="text"/> in <paramref name="field"/>, in order.</summary>
    public List<string> Tokens(string field, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    /// <summary>Between two values of one field (a question and its alternate): far enough apart that no phrase spans them.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        if (fieldName == Tokenized)
        {
            return new TokenStreamComponents(tokenizer);
        }

        if (fieldName == RawWords)
        {
            return new TokenStreamComponents(tokenizer, RawWordFilters(tokenizer));
        }

        var words = WordFilters(tokenizer);
        return new TokenStreamComponents(tokenizer, fieldName == Words ? words : AfterWords(fieldName, words));
    }

    /// <summary>
    /// The filters from the tokenizer's tokens to <see cref="Words"/>. Each token becomes one word, whatever the tokens
    /// around it: the index builder runs them once per distinct token (<see cref="Tokenized"/>).
    /// </summary>
    internal static TokenStream WordFilters(TokenStream tokens) => new NegationFilter(RawWordFilters(tokens));

    /// <summary>The filters from the tokenizer's tokens to <see cref="RawWords"/>.</summary>
    private static InnerApostropheFilter RawWordFilters(TokenStream tokens) =>
        new(new AcronymFilter(new ASCIIFoldingFilter(new LowerCaseFilter(Version, tokens))));

    /// <summary>
    /// The chain after <see cref="Words"/> for <paramref name="fieldName"/>, on <paramref name="words"/>: spelling
    /// correction, stop words (<see cref="DropsStopWords"/>), the stemmer (<see cref="StemFilter"/>), then
    /// <see cref="AfterStems"/>.
    /// </summary>
    internal TokenStream AfterWords(string fieldName, TokenStream words)
    {
        var stream = words;
        if (_speller is not null)
        {
            stream = new SpellingCorrectionFilter(stream, _speller, _phrases);
        }

        if (DropsStopWords(fieldName))
        {
            stream = new StopFilter(Version, stream, StopWords.Set);
        }

        return AfterStems(fieldName, StemFilter(stream));
    }

    /// <summary>Whether <paramref name="fieldName"/> drops <see cref="StopWords"/>: answers and passages do, questions keep them.</summary>
    internal static bool DropsStopWords(string fieldName) => fieldName is Text or Title or Passage;

    /// <summary>The stemmer of index terms. A word's stem depends on the word alone: the index builder stems each distinct word once.</summary>
    internal static TokenStream StemFilter(TokenStream words) => new PorterStemFilter(words);

    /// <summary>
    /// The chain after the stems for <paramref name="fieldName"/>, on <paramref name="stems"/>: the synonym groups, but in
    /// <see cref="Stems"/>. How the index builder makes a field's terms of stems it has already made.
    /// </summary>
    internal TokenStream AfterStems(string fieldName, TokenStream stems) =>
        fieldName is not Stems && _synonyms is not null ? new SynonymFilter(stems, _synonyms, ignoreCase: false) : stems;
}
