using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Insights;
using StockAndFlow.Storage;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Comparison;

/// <summary>Collects the demo's insights until two runs are stored, so every insight has a collection before its latest.</summary>
public static class InsightRuns
{
    public static async Task CollectAtLeastTwiceAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var collector = scope.ServiceProvider.GetRequiredService<InsightCollector>();
        while (await db.Set<InsightRun>().CountAsync() < 2)
        {
            await collector.CollectAsync();
        }
    }
}
