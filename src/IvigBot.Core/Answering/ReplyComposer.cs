using System.Text;
using IvigBot.Content;

namespace IvigBot.Answering;

/// <summary>Writes the reply text a patient reads, for each kind of answer. Every medical reply ends with the doctor note.</summary>
public sealed class ReplyComposer(AnsweringOptions options)
{
    public string Answer(FaqDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return string.Concat(["**", document.Question, "**\n\n", document.Answer, "\n\nSource: ", document.Source, "\n\n", options.DoctorNote]);
    }

    public string Clarify(IReadOnlyList<Suggestion> candidates)
    {
        var text = new StringBuilder("I'm not sure which of these you mean:\n\n");
        for (var i = 0; i < candidates.Count; i++)
        {
            text.Append(i + 1).Append(". ").Append(candidates[i].Question).Append('\n');
        }

        return text.Append("\nPick one, or ask your question in other words.\n\n").Append(options.DoctorNote).ToString();
    }

    public string Fallback(IReadOnlyList<Suggestion> examples)
    {
        var text = new StringBuilder(
            "I'm sorry, I don't have a good answer to that. I can answer general questions about IVIG " +
            "(immunoglobulin) treatment: what it is, how infusions work, side effects and risks, and practical " +
            "matters such as cost. For anything else about your health or care, please contact your care team.");
        AppendExamples(text, examples);
        return text.Append("\n\n").Append(options.DoctorNote).ToString();
    }

    public string Emergency(TriageRule rule) => Rule(rule) + "\n\n" + options.DoctorNote;

    public string Advice(TriageRule rule, FaqDocument? general)
    {
        var text = new StringBuilder(Rule(rule));
        if (general is not null)
        {
            text.Append("\n\nWhat I can share is general information:\n\n")
                .Append("**").Append(general.Question).Append("**\n\n")
                .Append(general.Answer).Append("\n\n")
                .Append("Source: ").Append(general.Source);
        }

        return text.Append("\n\n").Append(options.DoctorNote).ToString();
    }

    public static string Smalltalk(string reply, IReadOnlyList<Suggestion> examples)
    {
        var text = new StringBuilder(reply);
        AppendExamples(text, examples);
        return text.ToString();
    }

    /// <summary>A rule's reply with the clinic's emergency number in place of its placeholder.</summary>
    public string Rule(TriageRule rule) =>
        rule.Reply.Replace(AnsweringOptions.EmergencyNumberPlaceholder, options.EmergencyNumber, StringComparison.Ordinal);

    private static void AppendExamples(StringBuilder text, IReadOnlyList<Suggestion> examples)
    {
        if (examples.Count == 0)
        {
            return;
        }

        text.Append("\n\nYou could ask, for example:\n");
        foreach (var example in examples)
        {
            text.Append("\n- ").Append(example.Question);
        }
    }
}
