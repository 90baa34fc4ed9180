using IvigBot.Answering;
using IvigBot.Semantic;
using Microsoft.Extensions.Options;

namespace IvigBot.Insights;

/// <summary>Wires the editor's store: options, the queue the bot records into, the background writer, the report.</summary>
public static class InsightsServiceRegistration
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddOptions<InsightsOptions>().BindConfiguration(InsightsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InsightsOptions>, InsightsOptionsValidator>();
        services.AddSingleton<QueuedInteractionRecorder>();
        services.AddSingleton<IInteractionRecorder>(sp => sp.GetRequiredService<QueuedInteractionRecorder>());
        services.AddSingleton<InteractionStore>();
        services.AddSingleton<InteractionWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InteractionWriter>());
        services.AddSingleton(sp => CreateGrouper(sp.GetRequiredService<IOptions<AnsweringOptions>>().Value));
        services.AddSingleton<InsightsQueries>();
        return services;
    }

    /// <summary>Groups by meaning with <c>Answering:Semantic</c> on (the model is loaded for answering anyway), else by words.</summary>
    public static IQuestionGrouper CreateGrouper(AnsweringOptions answering)
    {
        ArgumentNullException.ThrowIfNull(answering);
        return answering.Semantic
            ? new MeaningGrouper(SentenceEmbedder.For(answering.QuantizedModel), answering.EffectiveVectorCacheFolder, MeaningGrouping.Chosen)
            : new WordOverlapGrouper();
    }
}

/// <summary>Refuses to start with bad <c>Insights</c> settings, saying which and why.</summary>
public sealed class InsightsOptionsValidator : IValidateOptions<InsightsOptions>
{
    public ValidateOptionsResult Validate(string? name, InsightsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
