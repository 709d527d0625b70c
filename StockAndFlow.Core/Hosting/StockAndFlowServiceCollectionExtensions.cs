using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockAndFlow;
using StockAndFlow.Capture;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;
using StockAndFlow.Records;

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
    /// definitions named on the returned builder, capture, counting, and start-up validation.
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

        var registry = new DefinitionRegistry();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(registry);
        services.AddSingleton(sp => sp.GetRequiredService<DefinitionRegistry>().Build());
        services.AddSingleton<IStockAndFlowContextFactory, StockAndFlowContextFactory<TContext>>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StockAndFlowOptions>>().Value.CreateCalendar());
        services.AddSingleton<StockCounter>();
        services.AddSingleton(sp => new StockSnapshotter(
            sp.GetRequiredService<StockCounter>(),
            sp.GetRequiredService<PeriodCalendar>(),
            sp.GetRequiredService<IOptions<StockAndFlowOptions>>().Value.SnapshotPeriods));
        services.AddSingleton<FlowHandlerDispatcher>();
        services.AddSingleton<StockAndFlow.Decay.Transitions>();
        services.AddSingleton<StockAndFlow.Decay.DecayRunner>();
        services.AddSingleton<FlowRecordUpdater>();
        services.AddSingleton<FlowRates>();
        services.AddSingleton<StockHistory>();
        services.AddSingleton<StockAndFlow.Jobs.SnapshotStocksJob>();
        services.AddSingleton<StockAndFlow.Jobs.UpdateFlowRecordsJob>();
        services.AddSingleton<StockAndFlow.Jobs.DecayJob>();
        services.AddSingleton<StockAndFlow.Jobs.ActionJob>();
        services.AddSingleton<StockAndFlow.Jobs.TrackStatisticsJob>();
        services.AddSingleton<StockAndFlow.Jobs.CollectInsightsJob>();
        services.AddSingleton<StockAndFlow.Statistics.StatisticsStore>();
        services.AddSingleton<StockAndFlow.Statistics.TrackerRunner>();
        services.AddSingleton<StockAndFlow.Insights.InsightCollector>();
        services.AddSingleton<StockAndFlow.Actions.ActionRunner>();
        services.AddSingleton<StockAndFlow.Actions.ActionExecutions>();
        services.AddSingleton<StockAndFlow.Actions.ActionProgress>();
        var jobs = services.AddOptions<StockAndFlow.Jobs.StockAndFlowJobsOptions>();
        if (configuration is not null)
        {
            jobs.Bind(configuration.GetSection("Jobs"));
        }
        services.AddSingleton(sp => new FlowCaptureInterceptor(
            sp.GetRequiredService<StockAndFlowModel>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<FlowHandlerDispatcher>()));
        services.AddHostedService<StartupValidator>();
        services.AddHostedService<StockAndFlow.Actions.InterruptedExecutionsSweeper>();
        return new StockAndFlowServicesBuilder(services, registry);
    }
}
