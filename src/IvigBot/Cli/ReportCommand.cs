using System.CommandLine;
using System.Data.Common;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Hosting;
using IvigBot.Insights;
using Microsoft.Extensions.Options;

namespace IvigBot.Cli;

/// <summary>
/// The <c>report</c> verb: prints what the editor page shows (unanswered questions grouped by meaning, worst-rated
/// entries, suggested alternates, entries to review, weekly figures) as Markdown or CSV, read from the store the
/// <c>Insights</c> settings name.
/// </summary>
public static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var format = new Option<string>("--format") { Description = "markdown (default) or csv.", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "csv");
        var folder = new Option<string?>("--faq") { Description = "The content folder whose entries are reported on (default: Faq:Path from appsettings.json)." };
        var command = new Command("report", "Print the editor's report (unanswered questions, feedback, suggestions, entries to review, weekly figures).") { format, folder };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(format)!, parse.GetValue(folder), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string format, string? faqFolder, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        InsightsOptions settings;
        FaqOptions faq;
        AnsweringOptions answering;
        try
        {
            settings = IvigBotServiceRegistration.ReadInsightsSettings();
            (faq, answering) = IvigBotServiceRegistration.ReadSettings();
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }

        if (!settings.Enabled)
        {
            error.WriteLine("Storing is switched off (Insights:Enabled is false): there is nothing to report.");
            return 1;
        }

        var path = faqFolder ?? faq.ResolvePath();
        var entries = FaqContentLoader.Load(path).Entries.ToList();
        var options = Options.Create(settings);
        await using var store = new InteractionStore(options, TimeProvider.System);
        InsightsReport report;
        try
        {
            report = await new InsightsQueries(store, InsightsServiceRegistration.CreateGrouper(answering), options, TimeProvider.System)
                .ReadAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            error.WriteLine($"The store ({settings.Provider}) cannot be read: {e.Message}");
            return 1;
        }

        if (format == "csv")
        {
            InsightsReportWriter.WriteCsv(report, output);
        }
        else
        {
            InsightsReportWriter.WriteMarkdown(report, output);
        }

        return 0;
    }
}
