using global::Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StockAndFlow.Hangfire;

/// <summary>
/// At start-up, checks that the host configured Hangfire (a clear message instead of a 500 on the Jobs
/// page later) and registers and prunes StockAndFlow's recurring jobs.
/// </summary>
internal sealed class RecurringJobRegistrar(IServiceProvider services, IOptions<StockAndFlowHangfireOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureHangfireIsConfigured(services);
        if (options.Value.RegisterOnStartup)
        {
            services.RegisterStockAndFlowJobs();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static void EnsureHangfireIsConfigured(IServiceProvider services)
    {
        const string fix = "Configure Hangfire in the host: builder.Services.AddHangfire(c => c.Use...Storage(...)) and builder.Services.AddHangfireServer() "
            + "(see the README's \"Add StockAndFlow to your app\"), or remove AddHangfireJobs() to run without scheduled jobs.";
        if (services.GetService<IRecurringJobManager>() is null || services.GetService<IBackgroundJobClient>() is null)
        {
            throw new InvalidOperationException("StockAndFlow's jobs were asked for with AddHangfireJobs(), but Hangfire is not registered. " + fix);
        }

        try
        {
            _ = services.GetRequiredService<JobStorage>();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException("StockAndFlow's jobs were asked for with AddHangfireJobs(), but Hangfire has no job storage. " + fix, ex);
        }
    }
}
