using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace IvigBot.Analysis;

/// <summary>
/// Corrects the words of a question against the index's own words, before synonyms are matched: a word the index has
/// never seen becomes its nearest known word (<see cref="SpellingCorrector"/>: "kawasacki" → "kawasaki"), and a word that
/// continues a synonym phrase one edit off becomes the phrase's word (<see cref="SynonymMap.PhraseWordFor"/>: "guillain bare"
/// → "guillain barre"). Question words are left alone. Each token's word, corrected, also goes into its
/// <see cref="IWordAttribute"/> with its <see cref="LightStemmer"/> stem, for whoever reads the stream after the stems.
/// </summary>
public sealed class SpellingCorrectionFilter : TokenFilter
{
    private readonly SpellingCorrector _speller;
    private readonly SynonymMap _synonyms;
    private readonly ICharTermAttribute _term;
    private readonly IWordAttribute _word;

    /// <summary>The stems of the last words, as many as a synonym phrase may have before its last word.</summary>
    private readonly List<string> _previous = [];

    public SpellingCorrectionFilter(TokenStream input, SpellingCorrector speller, SynonymMap synonyms)
        : base(input)
    {
        ArgumentNullException.ThrowIfNull(speller);
        ArgumentNullException.ThrowIfNull(synonyms);
        _speller = speller;
        _synonyms = synonyms;
        _term = AddAttribute<ICharTermAttribute>();
        _word = AddAttribute<IWordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var word = _term.ToString();
        var corrected = StopWords.IsStopWord(word) ? word : _speller.Correct(word);
        var stem = LightStemmer.Stem(corrected);
        if (_synonyms.PhraseWordFor(_previous, stem) is { } phraseWord)
        {
            corrected = phraseWord;
            stem = LightStemmer.Stem(phraseWord);
        }

        if (corrected != word)
        {
            _term.SetEmpty().Append(corrected);
        }

        _word.Word = corrected;
        _word.Stem = stem;

        _previous.Add(stem);
        if (_previous.Count >= _synonyms.LongestPhrase)
        {
            _previous.RemoveAt(0);
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _previous.Clear();
    }
}
