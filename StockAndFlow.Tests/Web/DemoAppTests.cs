using StockAndFlow.Storage;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Web;

[Collection(StockAndFlow.Tests.Support.HangfireHostsCollection.Name)]
public sealed class DemoAppTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task HealthEndpointReportsHealthy()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FirstRunCreatesTheDatabaseAndSeedsRowsWhoseMovesWereCaptured()
    {
        using var client = factory.CreateClient();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();

        Assert.True(File.Exists(factory.DatabasePath));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var flows = await db.Set<FlowEvent>().GroupBy(e => e.Flow).Select(g => g.Key).ToListAsync();
        Assert.Contains("signing-up", flows);
        Assert.Contains("new-lead", flows);
        Assert.Contains("converting", flows);
        Assert.Equal(await db.Customers.CountAsync(), await db.Set<FlowEvent>().CountAsync(e => e.Flow == "signing-up"));
        Assert.NotEmpty(await db.Set<StockRecord>().ToListAsync());
    }

    [Fact]
    public async Task HomePageShowsNoDataToAnonymousVisitorsAndLinksToTheAdmin()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/");

        Assert.Contains("href=\"/stockflow-admin\"", html);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var names = await db.Set<StockAndFlow.Web.Demo.SalesRep>().Select(r => r.Name).ToListAsync();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
        Assert.DoesNotContain("class=\"total\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Churned customers", html, StringComparison.Ordinal);
    }
}
