using StockAndFlow.Reading;
using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockAndFlow;
using StockAndFlow.Capture;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;

// Registration reads like the framework's own: services.AddStockAndFlow<TContext>(...).
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers StockAndFlow's engine.</summary>
public static class StockAndFlowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine over <typeparamref name="TContext"/>: options bound from
    /// <paramref name="configuration"/> then <paramref name="configure"/>, the model built from the
    /// definitions named on the returned builder, capture, counting, and start-up validation. Every
    /// service is added only when absent, so a second call (or a host's own registration made first) wins
    /// nothing twice.
    /// </summary>
    public static StockAndFlowServicesBuilder AddStockAndFlow<TContext>(
        this IServiceCollection services,
        IConfiguration? configuration = null,
        Action<StockAndFlowOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<StockAndFlowOptions>();
        if (configuration is not null)
        {
            optionsBuilder.Bind(configuration);
        }

        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StockAndFlowOptions>, StockAndFlowOptionsValidator>());

        // A second call adds to the same definitions instead of registering the engine twice.
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(DefinitionRegistry))?.ImplementationInstance as DefinitionRegistry;
        if (registry is null)
        {
            registry = new DefinitionRegistry();
            services.AddSingleton(registry);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<DefinitionRegistry>().Build());
        services.TryAddSingleton<IStockAndFlowContextFactory, StockAndFlowContextFactory<TContext>>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<StockAndFlowOptions>>().Value.CreateCalendar());
        services.TryAddSingleton<StockCounter>();
        services.TryAddSingleton(sp => new StockSnapshotter(
            sp.GetRequiredService<StockCounter>(),
            sp.GetRequiredService<PeriodCalendar>(),
            sp.GetRequiredService<IOptions<StockAndFlowOptions>>().Value.SnapshotPeriods));
        services.TryAddSingleton<StockRecounter>();
        services.TryAddSingleton<LiveCounts>();
        services.TryAddSingleton<StockAndFlow.Jobs.RecountStocksJob>();
        services.TryAddSingleton<FlowHandlerDispatcher>();
        services.TryAddSingleton<StockAndFlow.Moves.Transitions>();
        services.TryAddSingleton<StockAndFlow.Decay.DecayRunner>();
        services.TryAddSingleton<FlowRecordUpdater>();
        services.TryAddSingleton<FlowRates>();
        services.TryAddSingleton<StockHistory>();
        services.TryAddSingleton<Movements>();
        services.TryAddSingleton<StockProjection>();
        services.TryAddSingleton<StockAndFlow.Jobs.SnapshotStocksJob>();
        services.TryAddSingleton<StockAndFlow.Jobs.UpdateFlowRecordsJob>();
        services.TryAddSingleton<StockAndFlow.Jobs.DecayJob>();
        services.TryAddSingleton<StockAndFlow.Jobs.ActionJob>();
        services.TryAddSingleton<StockAndFlow.Jobs.TrackStatisticsJob>();
        services.TryAddSingleton<StockAndFlow.Jobs.CollectInsightsJob>();
        services.TryAddSingleton<StockAndFlow.Jobs.EvaluateAlertsJob>();
        services.TryAddSingleton<FlowEventRetention>();
        services.TryAddSingleton<StockAndFlow.Jobs.FlowEventRetentionJob>();
        services.TryAddSingleton<StockAndFlow.Alerts.AlertEvaluator>();
        services.TryAddSingleton<StockAndFlow.Statistics.StatisticsStore>();
        services.TryAddSingleton<StockAndFlow.Statistics.TrackerRunner>();
        services.TryAddSingleton<StockAndFlow.Insights.InsightCollector>();
        services.TryAddSingleton<StockAndFlow.Actions.ActionRunner>();
        services.TryAddSingleton<StockAndFlow.Actions.ActionExecutions>();
        services.TryAddSingleton<StockAndFlow.Actions.ActionProgress>();
        var jobs = services.AddOptions<StockAndFlow.Jobs.StockAndFlowJobsOptions>();
        if (configuration is not null)
        {
            jobs.Bind(configuration.GetSection("Jobs"));
        }

        var retention = services.AddOptions<StockAndFlow.Jobs.StockAndFlowRetentionOptions>();
        if (configuration is not null)
        {
            retention.Bind(configuration.GetSection("Retention"));
        }

        retention.Validate(o => o.FlowEventMonths is null or >= 0, "StockAndFlow:Retention:FlowEventMonths must be 0 or more (or unset to keep every event).")
            .Validate(o => o.PartitionsAhead >= 0, "StockAndFlow:Retention:PartitionsAhead must be 0 or more.")
            .Validate(o => o.DeleteBatchSize >= 1, "StockAndFlow:Retention:DeleteBatchSize must be 1 or more.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new FlowCaptureInterceptor(
            sp.GetRequiredService<StockAndFlowModel>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<FlowHandlerDispatcher>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StartupValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StockAndFlow.Actions.InterruptedExecutionsSweeper>());
        return new StockAndFlowServicesBuilder(services, registry);
    }
}
