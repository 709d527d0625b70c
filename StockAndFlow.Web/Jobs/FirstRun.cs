using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Hosting;
using StockAndFlow.Insights;
using StockAndFlow.Jobs;
using StockAndFlow.Statistics;

namespace StockAndFlow.Web.Jobs;

/// <summary>
/// On a database that has never had statistics or insights, runs the trackers and collects insights
/// once at start-up, so their admin pages have data the moment the app opens instead of after the first
/// scheduled run.
/// </summary>
public static partial class FirstRun
{
    public static async Task RunFirstJobsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateStockAndFlowScope();
        var db = scope.Db;
        var logger = app.Services.GetRequiredService<ILogger<Program>>();
        if (!await db.Set<Statistic>().AnyAsync())
        {
            var written = await app.Services.GetRequiredService<TrackStatisticsJob>().RunAsync(CancellationToken.None);
            LogStatistics(logger, written);
        }

        if (!await db.Set<InsightRun>().AnyAsync())
        {
            await app.Services.GetRequiredService<CollectInsightsJob>().RunAsync(CancellationToken.None);
            LogInsights(logger);
        }

        // Alerts are cheap to evaluate: do it at every start, so the admin shows what holds at once.
        var holding = await app.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
        LogAlerts(logger, holding);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up: {Count} alert(s) hold.")]
    private static partial void LogAlerts(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "First run: wrote {Count} statistics.")]
    private static partial void LogStatistics(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "First run: collected insights.")]
    private static partial void LogInsights(ILogger logger);
}
