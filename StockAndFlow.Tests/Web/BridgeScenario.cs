using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Web;

/// <summary>
/// On a running demo app: a recount, a captured move (a hot lead cools), three warm leads made hot
/// behind capture's back with <c>ExecuteUpdate</c>, and a second recount, whose bridges show them as
/// unexplained. <see cref="UndoAsync"/> puts the leads back and recounts until the last bridge is clean.
/// </summary>
public sealed class BridgeScenario(IServiceProvider services)
{
    public const int Bypassed = 3;

    private List<int> _ids = [];

    public async Task<IReadOnlyList<Recount>> RunAsync()
    {
        await RecountAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var hot = await db.Leads.Where(l => l.Temperature == Temperature.Hot).OrderBy(l => l.Id).FirstAsync();
        hot.Temperature = Temperature.Cold;
        await db.SaveChangesAsync();
        _ids = await db.Leads.Where(l => l.Temperature == Temperature.Warm).OrderBy(l => l.Id).Select(l => l.Id).Take(Bypassed).ToListAsync();
        Assert.Equal(Bypassed, await db.Leads.Where(l => _ids.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Temperature, Temperature.Hot)));
        return await RecountAsync();
    }

    public async Task UndoAsync()
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            await db.Leads.Where(l => _ids.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Temperature, Temperature.Warm));
        }

        await RecountAsync();
        await RecountAsync();
    }

    private async Task<IReadOnlyList<Recount>> RecountAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var model = scope.ServiceProvider.GetRequiredService<StockAndFlowModel>();
        return await scope.ServiceProvider.GetRequiredService<StockRecounter>().RecountAsync(db, model.Stocks, DateTime.UtcNow);
    }
}
