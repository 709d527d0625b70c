using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Demo;

public sealed class DemoSeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SeedIfEmpty_PlaysTheConfiguredNumberOfDays()
    {
        await using var host = await DemoHost.StartAsync(new FakeTimeProvider(Now), new Dictionary<string, string?> { ["StockAndFlow:Demo:HistoryDays"] = "5" });

        await host.SeedAsync();

        await using var scope = host.NewScope(out var db);
        var days = await db.Set<StockRecord>().Where(r => r.Stock == "trial-customers" && r.Period == Period.Day).OrderBy(r => r.BucketStart).Select(r => r.BucketStart).ToListAsync();
        Assert.Equal(DemoDay.EndingAt(PeriodCalendar.Utc, Now.UtcDateTime, 5).Select(d => d.Start), days);
        Assert.True(await db.Customers.AnyAsync());
    }

    [Fact]
    public async Task SeedIfEmpty_LeavesAPopulatedDatabaseAlone()
    {
        await using var host = await DemoHost.StartAsync(new FakeTimeProvider(Now), new Dictionary<string, string?> { ["StockAndFlow:Demo:HistoryDays"] = "2" });
        await using (var scope = host.NewScope(out var db))
        {
            db.Customers.Add(new Customer { Name = "Existing", SignedUpAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }

        await host.SeedAsync();

        await using var check = host.NewScope(out var after);
        Assert.Equal(1, await after.Customers.CountAsync());
        Assert.False(await after.Set<StockRecord>().AnyAsync());
    }

    [Fact]
    public async Task SeedIfEmpty_Throws_WhenTheAppClockIsNotTheDemoClock()
    {
        await using var host = await DemoHost.StartAsync(new FakeTimeProvider(Now));
        await using var scope = host.NewScope(out var db);
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider, new FakeTimeProvider(Now));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedIfEmptyAsync(db, CancellationToken.None));
        Assert.Contains(nameof(DemoServiceCollectionExtensions.AddDemo), error.Message, StringComparison.Ordinal);
    }
}
