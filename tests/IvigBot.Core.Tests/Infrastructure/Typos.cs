namespace IvigBot.Core.Tests.Infrastructure;

/// <summary>Random typing mistakes, from a seeded <see cref="Random"/> so that a failing case comes back.</summary>
internal static class Typos
{
    /// <summary>
    /// <paramref name="word"/> with <paramref name="edits"/> random edits, each a letter left out, added, replaced, or
    /// swapped with the next one (words of one letter are left as they are).
    /// </summary>
    public static string Make(string word, Random random, int edits = 1)
    {
        var chars = word.ToList();
        for (; edits > 0 && chars.Count > 1; edits--)
        {
            var at = random.Next(chars.Count - 1);
            switch (random.Next(4))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, (char)('a' + random.Next(26))); break;
                case 2: chars[at] = (char)('a' + random.Next(26)); break;
                default: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            }
        }

        return new string([.. chars]);
    }
}
