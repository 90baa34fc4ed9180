namespace IvigBot.Analysis;

/// <summary>
/// Corrects words the index has never seen to the nearest word it has ("immunoglobin" → "immunoglobulin",
/// "kawasacki" → "kawasaki"): one edit for words up to 7 letters, two from 8. Ties go to the more frequent word.
/// Real English words are left alone even when the index lacks them ("plain" is not a typo of "pain").
/// </summary>
public sealed class SpellingCorrector
{
    private readonly Dictionary<string, int> _frequency;
    private readonly Dictionary<int, List<(string Word, uint Letters)>> _byLength = [];
    private readonly IReadOnlySet<string> _english;

    public SpellingCorrector(IReadOnlyDictionary<string, int> vocabulary, IReadOnlySet<string>? english = null)
    {
        _english = english ?? EnglishWords.All;
        _frequency = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        foreach (var word in _frequency.Keys)
        {
            if (!_byLength.TryGetValue(word.Length, out var list))
            {
                list = [];
                _byLength[word.Length] = list;
            }

            list.Add((word, EditDistance.Letters(word)));
        }
    }

    public bool IsKnown(string word) => _frequency.ContainsKey(word);

    public static int MaxEdits(int length) => length switch
    {
        < 3 => 0,
        < 8 => 1,
        _ => 2,
    };

    /// <summary>The word itself when known or uncorrectable, otherwise the best correction.</summary>
    public string Correct(string word)
    {
        if (IsKnown(word) || word.Any(char.IsDigit) || _english.Contains(word))
        {
            return word;
        }

        var max = MaxEdits(word.Length);
        if (max == 0)
        {
            return word;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        // Short words are more often missing a letter than carrying an extra one ("ivg" is "ivig", not "iv").
        var shortest = word.Length <= 4 ? word.Length : word.Length - max;
        var letters = EditDistance.Letters(word);
        for (var length = shortest; length <= word.Length + max; length++)
        {
            if (!_byLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var (candidate, candidateLetters) in candidates)
            {
                // One edit changes at most two letters of the set: most candidates are skipped without computing their distance.
                if (candidate.Length < 3 || System.Numerics.BitOperations.PopCount(letters ^ candidateLetters) > 2 * max)
                {
                    continue;
                }

                var distance = EditDistance.Damerau(word, candidate, max);
                if (distance > max)
                {
                    continue;
                }

                var frequency = _frequency[candidate];
                if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
                {
                    best = candidate;
                    bestDistance = distance;
                    bestFrequency = frequency;
                }
            }
        }

        return best ?? word;
    }
}
