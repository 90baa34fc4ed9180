using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Answering;

/// <summary>
/// Reads <c>faq/triage.md</c>: each <c>## name</c> section is a rule with <c>kind:</c>, one or more
/// <c>reply:</c> lines, <c>phrases:</c> followed by <c>- phrase</c> lines, and optionally <c>examples:</c> followed by
/// <c>- example message</c> lines and <c>not for:</c> followed by <c>- message</c> lines (messages close to the examples
/// that the rule is not for).
/// </summary>
public static class TriageRuleParser
{
    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase) { "kind", "reply", "phrases", "examples", "not for" };

    public static IReadOnlyList<TriageRule> Parse(string file, string text, ICollection<ContentProblem> problems)
    {
        var lines = ContentLines.Parse(file, text);
        var rules = new List<TriageRule>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (ContentLines.Heading(lines[i], 2) is not { } name)
            {
                continue;
            }

            var at = lines.At(i);
            var header = HeaderBlock.Read(lines, i + 1, Keys);
            void Problem(int line, string message) => problems.Add(new ContentProblem(new SourceLocation(file, line), ProblemSeverity.Error, message));

            TriageKind? kind = null;
            if (header.First("kind") is not { } kindField)
            {
                Problem(at.Line, $"rule '{name}' has no 'kind:' line (emergency, advice or smalltalk)");
            }
            else if (Enum.TryParse<TriageKind>(kindField.Value, ignoreCase: true, out var parsed) && !int.TryParse(kindField.Value, out _))
            {
                kind = parsed;
            }
            else
            {
                Problem(kindField.Line, $"kind '{kindField.Value}' is not one of emergency, advice, smalltalk");
            }

            var reply = string.Join("\n\n", header.All("reply").Select(r => r.Value));
            if (reply.Length == 0)
            {
                Problem(at.Line, $"rule '{name}' has no 'reply:' line");
            }

            var phrases = new List<TriagePhrase>();
            foreach (var (value, line) in header.All("phrases"))
            {
                var tokens = TriageRule.ParsePhrase(value);
                if (tokens.Count == 0)
                {
                    Problem(line, $"phrase '{value}' has no words");
                    continue;
                }

                phrases.Add(new TriagePhrase(value, tokens, new SourceLocation(file, line)));
            }

            var examples = Examples("examples", "example");
            var notFor = Examples("not for", "'not for' message");
            List<TriageExample> Examples(string key, string what)
            {
                var found = new List<TriageExample>();
                foreach (var (value, line) in header.All(key))
                {
                    if (FaqAnalyzer.RawWordsOf(value).Count == 0)
                    {
                        Problem(line, $"{what} '{value}' has no words");
                        continue;
                    }

                    found.Add(new TriageExample(value, new SourceLocation(file, line)));
                }

                return found;
            }

            if (phrases.Count == 0)
            {
                Problem(at.Line, $"rule '{name}' has no phrases (write 'phrases:' and then one '- phrase' per line)");
            }

            for (var j = header.End; j < lines.Count && ContentLines.Heading(lines[j], 2) is null; j++)
            {
                if (!ContentLines.IsBlank(lines[j]) && ContentLines.Heading(lines[j], 1) is null)
                {
                    Problem(j + 1, $"unexpected text in rule '{name}': keep 'kind:', 'reply:', 'phrases:', 'examples:' and 'not for:' lines together, with no blank line between them");
                    break;
                }
            }

            if (kind is not null && reply.Length > 0 && phrases.Count > 0)
            {
                rules.Add(new TriageRule(name, kind.Value, reply, phrases, at) { Examples = examples, NotFor = notFor });
            }
        }

        return rules;
    }
}
