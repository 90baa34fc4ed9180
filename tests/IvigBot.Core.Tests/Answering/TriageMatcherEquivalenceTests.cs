using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;

namespace IvigBot.Core.Tests.Answering;

/// <summary>
/// The matcher tries each distinct first word once per message word, and only first words of a fitting length. This
/// checks it finds the same rule and phrase as the plain reading of the rules (every phrase, every clause, every word).
/// </summary>
public class TriageMatcherEquivalenceTests
{
    /// <summary>The rules read plainly: rule by rule, phrase by phrase, clause by clause, word by word.</summary>
    private static (TriageRule Rule, TriagePhrase Phrase)? PlainMatch(IReadOnlyList<TriageRule> rules, string message)
    {
        var clauses = TriageMatcher.SplitClauses(message);
        foreach (var rule in rules.OrderBy(r => r.Kind))
        {
            foreach (var phrase in rule.Phrases)
            {
                foreach (var clause in clauses)
                {
                    for (var start = 0; start < clause.Count; start++)
                    {
                        if (!TriageMatcher.Matches(clause[start], phrase.Tokens[0]))
                        {
                            continue;
                        }

                        var at = start;
                        var ok = true;
                        for (var k = 1; k < phrase.Tokens.Count && ok; k++)
                        {
                            ok = false;
                            for (var next = at + 1; next < clause.Count && next <= at + 1 + TriageMatcher.MaxGap; next++)
                            {
                                if (TriageMatcher.Matches(clause[next], phrase.Tokens[k]))
                                {
                                    at = next;
                                    ok = true;
                                    break;
                                }
                            }
                        }

                        if (ok && !TriageMatcher.IsNegated(clause, start, at))
                        {
                            return (rule, phrase);
                        }
                    }
                }
            }
        }

        return null;
    }

    [Fact]
    public void Every_team_question_and_every_phrase_with_typos_and_negations_matches_as_the_plain_reading_does()
    {
        var rules = FaqContentLoader.Load(RepoPaths.Faq).TriageRules;
        var matcher = new TriageMatcher(rules);
        var random = new Random(11);
        var phrases = rules.SelectMany(r => r.Phrases).Select(p => p.Text).ToList();
        var messages = JsonLines.Read(RepoPaths.EvalQuestions, IvigJsonContext.Default.EvalQuestion).Select(q => q.Question)
            .Concat(phrases)
            .Concat(phrases.Select(p => "no " + p))
            .Concat(phrases.Select(p => "i have had no fever and " + p + " since yesterday"))
            .Concat(phrases.Select(p => Typo(p, random)))
            .Concat(phrases.Select(p => "is it normal, " + Typo(p, random) + " after my infusion?"))
            .Concat(phrases.Select(p => string.Join(' ', p.Split(' ').Select(w => w + " really"))))
            .ToList();

        var matched = 0;
        var different = new List<string>();
        foreach (var message in messages)
        {
            var expected = PlainMatch(rules, message);
            var actual = matcher.Match(message);
            matched += actual is null ? 0 : 1;
            if (expected?.Phrase != actual?.Phrase || expected?.Rule != actual?.Rule)
            {
                different.Add($"'{message}': plain {expected?.Phrase.Text ?? "none"}, matcher {actual?.Phrase.Text ?? "none"}");
            }
        }

        Assert.True(matched > phrases.Count, $"only {matched} of {messages.Count} messages matched a rule");
        Assert.True(different.Count == 0, $"{different.Count} of {messages.Count} differ:\n{string.Join('\n', different.Take(10))}");
    }

    /// <summary>One random letter edit in a random word of four letters or more.</summary>
    private static string Typo(string phrase, Random random)
    {
        var words = phrase.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 4 && !words[i].EndsWith('*')).ToList();
        if (candidates.Count == 0)
        {
            return phrase;
        }

        var w = candidates[random.Next(candidates.Count)];
        words[w] = Typos.Make(words[w], random);
        return string.Join(' ', words);
    }
}
