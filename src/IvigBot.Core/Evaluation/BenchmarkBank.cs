using System.Globalization;
using IvigBot.Content;

namespace IvigBot.Evaluation;

/// <summary>
/// Reads the files of an external FAQ-retrieval benchmark (CovidFAQ, MedQuAD, LiveQA-Med) into what the
/// engine and <see cref="RetrievalBenchmark"/> use: FAQ entries, queries and graded relevance judgements.
/// Nothing is written into <c>faq/</c>.
/// </summary>
public static class BenchmarkBank
{
    /// <summary>
    /// The FAQ entries of one or more bank files (JSON Lines, gzipped or not), in file order. Entries without an
    /// answer are skipped (MedQuAD ships some with the answer removed); an id that appears again in a later file
    /// replaces the earlier entry (LiveQA-Med: the judged pool's text wins over the released MedQuAD).
    /// </summary>
    public static List<FaqDocument> LoadEntries(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var documents = new List<FaqDocument>();
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var lines = JsonLines.Read(path, IvigJsonContext.Default.BenchmarkLine);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var id = line.EntryId ?? throw new InvalidDataException($"{path}: entry {i + 1} has no faq_id, doc_id or answer_id");
                if (string.IsNullOrWhiteSpace(line.Answer))
                {
                    continue;
                }

                var document = new FaqDocument
                {
                    Id = id,
                    Kind = FaqDocumentKind.Entry,
                    Question = line.Question ?? "",
                    Answer = line.Answer,
                    Source = Path.GetFileName(path),
                    Topic = line.Focus ?? "",
                    Location = new SourceLocation(path, i + 1),
                };
                if (position.TryGetValue(id, out var existing))
                {
                    documents[existing] = document;
                }
                else
                {
                    position[id] = documents.Count;
                    documents.Add(document);
                }
            }
        }

        return documents;
    }

    /// <summary>The queries of a query file: (id, text) for each line with both.</summary>
    public static List<(string Id, string Text)> LoadQueries(string path) =>
        JsonLines.Read(path, IvigJsonContext.Default.BenchmarkLine)
            .Where(q => q.QueryId is not null && !string.IsNullOrWhiteSpace(q.QueryText))
            .Select(q => (q.QueryId!, q.QueryText!))
            .ToList();

    /// <summary>
    /// Relevance judgements from a TSV with a header row (<c>query_id, entry id, grade</c>): per query, the grade
    /// of each judged entry (binary sets use 0/1, LiveQA-Med 0–3). A pair judged twice keeps its higher grade.
    /// </summary>
    public static Dictionary<string, Dictionary<string, int>> LoadJudgements(string path)
    {
        var judgements = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in JsonLines.ReadLines(path))
        {
            number++;
            if (number == 1 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 3 || !int.TryParse(parts[2].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var grade))
            {
                throw new InvalidDataException($"{path}:{number}: expected query_id, entry id and a whole-number grade separated by tabs");
            }

            if (!judgements.TryGetValue(parts[0], out var perQuery))
            {
                perQuery = new Dictionary<string, int>(StringComparer.Ordinal);
                judgements[parts[0]] = perQuery;
            }

            perQuery[parts[1]] = Math.Max(grade, perQuery.GetValueOrDefault(parts[1]));
        }

        return judgements;
    }
}
