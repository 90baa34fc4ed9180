using IvigBot.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace IvigBot.Search;

/// <summary>
/// The tokens of a text whose <see cref="FaqAnalyzer.Words"/> have already been read (<see cref="ReadWords"/>), played
/// back with their position increments and the increment at the end, so that <see cref="FaqAnalyzer.AfterWords"/> on it
/// makes the terms <see cref="FaqAnalyzer"/> makes of the text, without tokenizing the text again. Reusable:
/// <see cref="SetWords"/> before each <see cref="Reset"/>.
/// </summary>
internal sealed class ReadWordsTokenStream : TokenStream
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private ReadWords _words = ReadWords.Empty;
    private int _next;

    public ReadWordsTokenStream()
    {
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    /// <summary>The words the next <see cref="Reset"/> plays back.</summary>
    public void SetWords(ReadWords words) => _words = words;

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }

    public override bool IncrementToken()
    {
        if (_next >= _words.Count)
        {
            return false;
        }

        ClearAttributes();
        var (word, increment) = _words[_next++];
        _term.SetEmpty().Append(word.Word);
        _increment.PositionIncrement = increment;
        return true;
    }

    public override void End()
    {
        base.End();
        _increment.PositionIncrement += _words.EndIncrement;
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
    /// Reads the words of <paramref name="text"/> in place of those held, each as <paramref name="words"/> knows it (a
    /// word seen for the first time added to it).
    /// </summary>
    public void Read(string text, IndexedWords words)
    {
        _words.Clear();
        using var stream = FaqAnalyzer.Shared.GetTokenStream(FaqAnalyzer.Words, text);
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

/// <summary>A word of the content: its stem, whether it is a stop word, and how often the content has it.</summary>
internal sealed class IndexedWord(string word)
{
    public string Word { get; } = word;

    public string Stem { get; } = LightStemmer.Stem(word);

    public bool IsStopWord { get; } = StopWords.IsStopWord(word);

    public int Count { get; set; }
}

/// <summary>The words of the content, in the order first seen: each stemmed once, and made a string only when first seen.</summary>
internal sealed class IndexedWords
{
    private readonly Dictionary<string, IndexedWord> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedWord>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public IndexedWords()
    {
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>In the order first seen.</summary>
    public IEnumerable<IndexedWord> All => _words.Values;

    /// <summary>Counts one more of <paramref name="span"/>: its word.</summary>
    public IndexedWord Count(ReadOnlySpan<char> span)
    {
        if (!_lookup.TryGetValue(span, out var word))
        {
            var value = span.ToString();
            word = new IndexedWord(value);
            _words.Add(value, word);
        }

        word.Count++;
        return word;
    }
}
