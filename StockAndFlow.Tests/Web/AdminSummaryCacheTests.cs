using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Web;

/// <summary>The index's counts are reused for a few seconds, but never across a flow event.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class AdminSummaryCacheTests(AdminAppFactory factory)
{
    [Fact]
    public async Task StockCounts_AreReusedUntilAFlowEventIsWritten()
    {
        using var scope = factory.Services.CreateScope();
        var read = scope.ServiceProvider.GetRequiredService<AdminReadModel>();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        async Task<long> HotAsync() => (await read.StocksAsync(default)).Single(s => s.Slug == "hot-leads").Count;
        var warm = await db.Leads.Where(l => l.Temperature == Temperature.Warm).OrderBy(l => l.Id).Select(l => l.Id).Take(2).ToListAsync();
        Assert.Equal(2, warm.Count);
        var before = await HotAsync();

        // Moved behind the engine's back (a raw UPDATE writes no event): the reused count does not see it.
        await db.Leads.Where(l => l.Id == warm[0]).ExecuteUpdateAsync(s => s.SetProperty(l => l.Temperature, Temperature.Hot));
        Assert.Equal(before, await HotAsync());

        // A save that moves a row writes its event, and the next read counts afresh (both moves).
        var lead = await db.Leads.SingleAsync(l => l.Id == warm[1]);
        lead.Temperature = Temperature.Hot;
        await db.SaveChangesAsync();
        Assert.Equal(before + 2, await HotAsync());
        Assert.Equal(await db.Leads.CountAsync(l => l.Temperature == Temperature.Hot), await HotAsync());
    }
}
