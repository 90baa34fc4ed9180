using System.Diagnostics.CodeAnalysis;
using IvigBot.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace IvigBot.Search;

/// <summary>
/// The stems of a text whose <see cref="FaqAnalyzer.Words"/> have already been read (<see cref="ReadWords"/>), played
/// back as <see cref="FaqAnalyzer.AfterWords"/> leaves them before <see cref="FaqAnalyzer.AfterStems"/>: without the stop
/// words where the field drops them (their positions added to the next stem's increment, or to the increment at the
/// end, as Lucene's <c>StopFilter</c> does), each word as its stem (<see cref="IndexedWord.Term"/>, made once per
/// distinct word). So <see cref="FaqAnalyzer.AfterStems"/> on it makes the terms <see cref="FaqAnalyzer"/> makes of the
/// text, without tokenizing, filtering or stemming it again. Reusable: <see cref="SetWords"/> before each <see cref="Reset"/>.
/// </summary>
internal sealed class ReadWordsTokenStream : TokenStream
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly bool _dropsStopWords;
    private ReadWords _words = ReadWords.Empty;
    private int _next;
    private int _skipped;

    /// <param name="fieldName">The field whose terms are made: whether stop words are dropped (<see cref="FaqAnalyzer.DropsStopWords"/>).</param>
    public ReadWordsTokenStream(string fieldName)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _dropsStopWords = FaqAnalyzer.DropsStopWords(fieldName);
    }

    /// <summary>The words the next <see cref="Reset"/> plays back.</summary>
    public void SetWords(ReadWords words) => _words = words;

    public override void Reset()
    {
        base.Reset();
        _next = 0;
        _skipped = 0;
    }

    public override bool IncrementToken()
    {
        _skipped = 0;
        while (_next < _words.Count)
        {
            var (word, increment) = _words[_next++];
            if (_dropsStopWords && word.IsStopWord)
            {
                _skipped += increment;
                continue;
            }

            ClearAttributes();
            _term.SetEmpty().Append(word.Term);
            _increment.PositionIncrement = increment + _skipped;
            return true;
        }

        return false;
    }

    public override void End()
    {
        base.End();
        _increment.PositionIncrement += _words.EndIncrement + _skipped;
    }
}

/// <summary>
/// The words of one text as the <see cref="FaqAnalyzer.Words"/> chain reads them: each word with its position increment,
/// and the increment the chain reports at its end (positions it skipped after the last word).
/// </summary>
internal sealed class ReadWords
{
    private readonly List<(IndexedWord Word, int Increment)> _words = [];

    public static ReadWords Empty { get; } = new();

    public int Count => _words.Count;

    public (IndexedWord Word, int Increment) this[int i] => _words[i];

    public int EndIncrement { get; private set; }

    /// <summary>
    /// Reads the words of <paramref name="text"/> in place of those held: the tokenizer's tokens
    /// (<see cref="FaqAnalyzer.Tokenized"/>), each made a word by <paramref name="words"/>.
    /// </summary>
    public void Read(string text, WordsOfTokens words)
    {
        _words.Clear();
        using var stream = FaqAnalyzer.Shared.GetTokenStream(FaqAnalyzer.Tokenized, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            _words.Add((words.Count(term.Buffer.AsSpan(0, term.Length)), increment.PositionIncrement));
        }

        stream.End();
        EndIncrement = increment.PositionIncrement;
    }
}

/// <summary>
/// A word of the content: its index term (<see cref="FaqAnalyzer.StemFilter"/>), its light stem, whether it is a stop
/// word, and how often the content has it.
/// </summary>
internal sealed class IndexedWord(string word, string term, IndexedStem stem)
{
    public string Word { get; } = word;

    /// <summary>What <see cref="FaqAnalyzer.StemFilter"/> makes of the word.</summary>
    public string Term { get; } = term;

    /// <summary>Its <see cref="LightStemmer"/> stem, shared by every word with that stem.</summary>
    public IndexedStem Stem { get; } = stem;

    public bool IsStopWord { get; } = StopWords.IsStopWord(word);

    public int Count { get; set; }
}

/// <summary>
/// A <see cref="LightStemmer"/> stem of the content's words: how many documents have it in their question or answer
/// (not as a stop word), and marks that tell whether it is already in a set being collected (<see cref="DocumentTerms"/>).
/// </summary>
internal sealed class IndexedStem(string stem)
{
    public string Stem { get; } = stem;

    /// <summary>How many documents have the stem in their question or answer, not as a stop word.</summary>
    public int Documents { get; set; }

    /// <summary>The mark of the set it was last collected into (<see cref="IndexedWords.NextMark"/>).</summary>
    public int Mark { get; set; }

    /// <summary>The mark of the last document counted in <see cref="Documents"/>.</summary>
    public int DocumentMark { get; set; }
}

/// <summary>The words of the content, in the order first seen, and their stems.</summary>
internal sealed class IndexedWords
{
    private readonly Dictionary<string, IndexedWord> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedWord>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, IndexedStem> _stems = new(StringComparer.Ordinal);
    private int _mark;

    public IndexedWords()
    {
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>In the order first seen.</summary>
    public IEnumerable<IndexedWord> All => _words.Values;

    /// <summary>The stems of the words, in the order first seen.</summary>
    public IEnumerable<IndexedStem> Stems => _stems.Values;

    public bool TryGet(ReadOnlySpan<char> word, [MaybeNullWhen(false)] out IndexedWord indexed) => _lookup.TryGetValue(word, out indexed);

    public IndexedWord Add(string word, string term)
    {
        var light = LightStemmer.Stem(word);
        if (!_stems.TryGetValue(light, out var stem))
        {
            stem = new IndexedStem(light);
            _stems.Add(light, stem);
        }

        var indexed = new IndexedWord(word, term, stem);
        _words.Add(word, indexed);
        return indexed;
    }

    /// <summary>A mark no stem has yet: for a set of stems to collect, each stem once.</summary>
    public int NextMark() => ++_mark;
}

/// <summary>
/// Makes the tokenizer's tokens words of an <see cref="IndexedWords"/> and counts them. Each distinct token is made a word
/// once (<see cref="FaqAnalyzer.WordFilters"/>: a token's word depends on the token alone), and each distinct word
/// stemmed once (<see cref="FaqAnalyzer.StemFilter"/>); a string is made only for a token or word seen for the first
/// time. One per thread.
/// </summary>
internal sealed class WordsOfTokens : IDisposable
{
    private readonly IndexedWords _words;
    private readonly Dictionary<string, IndexedWord> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedWord>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly OneTokenStream _token = new();
    private readonly TokenStream _wordOfToken;
    private readonly OneTokenStream _word = new();
    private readonly TokenStream _termOfWord;

    public WordsOfTokens(IndexedWords words)
    {
        _words = words;
        _lookup = _byToken.GetAlternateLookup<ReadOnlySpan<char>>();
        _wordOfToken = FaqAnalyzer.WordFilters(_token);
        _termOfWord = FaqAnalyzer.StemFilter(_word);
    }

    /// <summary>Counts one more of <paramref name="token"/>'s word (a token as the tokenizer split it).</summary>
    public IndexedWord Count(ReadOnlySpan<char> token)
    {
        if (!_lookup.TryGetValue(token, out var word))
        {
            var spelled = _token.Filter(_wordOfToken, token);
            if (!_words.TryGet(spelled, out word))
            {
                var value = spelled.ToString();
                word = _words.Add(value, _word.Filter(_termOfWord, value).ToString());
            }

            _byToken.Add(token.ToString(), word);
        }

        word.Count++;
        return word;
    }

    /// <summary>Disposes the filters, and with them the tokens they filter.</summary>
    public void Dispose()
    {
        _wordOfToken.Dispose();
        _termOfWord.Dispose();
    }
}

/// <summary>One token, for running a chain of filters that each change a token on its own (not dropping or adding any) on one token at a time.</summary>
internal sealed class OneTokenStream : TokenStream
{
    private readonly ICharTermAttribute _term;
    private bool _given;

    public OneTokenStream()
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    /// <summary>
    /// What <paramref name="filters"/>, made on this stream, make of <paramref name="token"/>; valid until the next call.
    /// The stream is reset for each token; the filters keep no state from one token to the next, so none is ended.
    /// </summary>
    public ReadOnlySpan<char> Filter(TokenStream filters, ReadOnlySpan<char> token)
    {
        filters.Reset();
        ClearAttributes();
        token.CopyTo(_term.ResizeBuffer(token.Length));
        _term.Length = token.Length;
        _given = false;
        return filters.IncrementToken()
            ? _term.Buffer.AsSpan(0, _term.Length)
            : throw new InvalidOperationException("A filter of one token at a time dropped the token.");
    }

    public override bool IncrementToken()
    {
        if (_given)
        {
            return false;
        }

        _given = true;
        return true;
    }
}
