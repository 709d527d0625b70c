using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StockAndFlow.Hangfire;
using StockAndFlow.Hosting;
using StockAndFlow.Jobs;

// Beside AddStockAndFlow, so the call chains without another using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Schedules StockAndFlow's jobs on the host's Hangfire.</summary>
public static class StockAndFlowHangfireServicesBuilderExtensions
{
    /// <summary>
    /// Runs StockAndFlow's jobs on Hangfire: at start-up the <c>stockandflow:*</c> recurring jobs
    /// (snapshot, flow records, one per decay rule, statistics, insights) are registered with the crons of
    /// <c>StockAndFlow:Jobs</c> and the ones whose definition was removed are deleted; the admin's Jobs page
    /// lists and triggers them and large bulk actions run as background jobs. The host configures Hangfire
    /// itself (<c>AddHangfire</c> with a storage, <c>AddHangfireServer</c>); start-up fails with a message
    /// saying so when it has not. Options bind from <c>StockAndFlow:Hangfire</c>, then <paramref name="configure"/>.
    /// Calling it twice registers once.
    /// </summary>
    public static StockAndFlowServicesBuilder AddHangfireJobs(this StockAndFlowServicesBuilder builder, Action<StockAndFlowHangfireOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<StockAndFlowHangfireOptions>().BindConfiguration(StockAndFlowHangfireOptions.Section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<IStockAndFlowScheduler, HangfireScheduler>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, RecurringJobRegistrar>());
        return builder;
    }
}
