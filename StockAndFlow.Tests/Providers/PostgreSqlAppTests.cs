using StockAndFlow.Storage;
using System.Net;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StockAndFlow.Tests.Support;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Providers;

/// <summary>The demo app on PostgreSQL for real: migrations, seeding, Hangfire storage and health.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class PostgreSqlAppTests
{
    [PostgreSqlFact]
    public async Task TheAppMigratesSeedsAndReportsHealthyOnPostgreSql()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        await using var factory = new ProviderAppFactory("PostgreSql", database.ConnectionString);
        using var client = factory.CreateClient();

        var health = await client.GetAsync("/healthz");
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Contains("href=\"/stockflow-admin\"", home, StringComparison.Ordinal);
        Assert.IsType<PostgreSqlStorage>(factory.Services.GetRequiredService<JobStorage>());
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        Assert.IsType<PostgreSqlShopDbContext>(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(await db.Customers.CountAsync(), await db.Set<FlowEvent>().CountAsync(e => e.Flow == "signing-up"));
        Assert.NotEmpty(await db.Set<StockRecord>().ToListAsync());
    }

    [PostgreSqlFact]
    public async Task OutsideDevelopmentTheAppDoesNotMigrate_AndSaysHowTo()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        await using var factory = new ProviderAppFactory("PostgreSql", database.ConnectionString, environment: "Production");

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("pending migration", error.Message, StringComparison.Ordinal);
        Assert.Contains("--migrate", error.Message, StringComparison.Ordinal);
    }

    [PostgreSqlFact(PostgreSqlOutageServer.ServerVariable)]
    public async Task HealthTurnsUnhealthyWhilePostgreSqlIsDown_AndEverySaveThatSucceededKeepsItsEvent()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync(PostgreSqlOutageServer.ServerVariable);
        await using var factory = new ProviderAppFactory("PostgreSql", database.ConnectionString, seed: false);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var saved = 0;
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await TrySaveCustomerAsync(factory, $"before-{i}"));
            saved++;
        }

        await PostgreSqlOutageServer.StopAsync();
        try
        {
            var down = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("Unhealthy", await down.Content.ReadAsStringAsync());
            var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Unhealthy, report.Entries["database"].Status);
            Assert.Equal(HealthStatus.Unhealthy, report.Entries["hangfire-storage"].Status);
            for (var i = 0; i < 3; i++)
            {
                Assert.False(await TrySaveCustomerAsync(factory, $"during-{i}"));
            }
        }
        finally
        {
            await PostgreSqlOutageServer.StartAsync();
        }

        Assert.Equal(HttpStatusCode.OK, await WaitForHealthAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(60)));
        var report2 = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.All(report2.Entries.Values, e => Assert.Equal(HealthStatus.Healthy, e.Status));

        // Pooled connections from before the restart are dead: a save may fail once while the pool
        // notices. What matters is that every save that reported success has its event.
        var attempts = 0;
        for (var after = 0; after < 3 && attempts < 20; attempts++)
        {
            if (await TrySaveCustomerAsync(factory, $"after-{attempts}"))
            {
                saved++;
                after++;
            }
        }

        Assert.Equal(6, saved);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var customers = await db.Customers.Select(c => c.Id).ToListAsync();
        var events = await db.Set<FlowEvent>().Where(e => e.Flow == "signing-up").Select(e => e.SubjectKey).ToListAsync();
        Assert.Equal(saved, customers.Count);
        Assert.Equal(saved, events.Count);
        Assert.Equal(customers.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), events.Order());
    }

    private static async Task<bool> TrySaveCustomerAsync(ProviderAppFactory factory, string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        db.Customers.Add(new Customer { Name = name, SignedUpAt = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc) });
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task<HttpStatusCode> WaitForHealthAsync(HttpClient client, HttpStatusCode wanted, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        HttpStatusCode last;
        do
        {
            last = (await client.GetAsync("/healthz")).StatusCode;
            if (last == wanted)
            {
                return last;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        return last;
    }
}
