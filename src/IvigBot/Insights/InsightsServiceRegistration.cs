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
        services.AddSingleton<IQuestionGrouper, WordOverlapGrouper>();
        services.AddSingleton<InsightsQueries>();
        return services;
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
