using Microsoft.EntityFrameworkCore;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Web.Demo;

/// <summary>
/// Fills an empty database with a small demo: sales reps, customers, leads and orders, saved and then
/// moved through the DbContext so capture records their flow events, and one snapshot of every stock.
/// </summary>
public sealed partial class DemoSeeder(StockAndFlowModel model, StockSnapshotter snapshotter, TimeProvider time, ILogger<DemoSeeder> logger)
{
    private static readonly string[] Plans = ["starter", "team", "enterprise"];
    private static readonly string[] Countries = ["NL", "DE", "US", "GB", "FR"];
    private static readonly string[] Sources = ["web", "referral", "event", "ads"];
    private static readonly string[] Reps = ["Ada", "Grace", "Linus", "Barbara"];

    public async Task SeedIfEmptyAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Customers.AnyAsync(cancellationToken) || await db.Leads.AnyAsync(cancellationToken))
        {
            return;
        }

        var random = new Random(20261122);
        var now = time.GetUtcNow().UtcDateTime;
        var reps = Reps.Select(name => new SalesRep { Name = name }).ToList();
        db.SalesReps.AddRange(reps);

        var customers = Enumerable.Range(1, 60).Select(i => new Customer
        {
            Name = $"Customer {i:000}",
            Plan = Plans[random.Next(Plans.Length)],
            Country = i % 11 == 0 ? null : Countries[random.Next(Countries.Length)],
            SignedUpAt = now.AddDays(-random.Next(1, 365)),
        }).ToList();
        db.Customers.AddRange(customers);

        var leads = Enumerable.Range(1, 80).Select(i => new Lead
        {
            Name = $"Lead {i:000}",
            Email = $"lead{i:000}@example.com",
            Source = Sources[random.Next(Sources.Length)],
            Owner = i % 9 == 0 ? null : reps[random.Next(reps.Count)],
            CreatedAt = now.AddDays(-random.Next(1, 90)),
            LastContactedAt = now.AddDays(-random.Next(0, 40)),
        }).ToList();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var customer in customers)
        {
            customer.Status = random.Next(10) switch
            {
                < 6 => CustomerStatus.Active,
                < 8 => CustomerStatus.Trial,
                _ => CustomerStatus.Churned,
            };
            if (customer.Status != CustomerStatus.Trial)
            {
                db.Orders.Add(new Order { Customer = customer, Total = random.Next(20, 500), PlacedAt = customer.SignedUpAt.AddDays(14) });
            }
        }

        foreach (var lead in leads)
        {
            var days = (now - lead.LastContactedAt).TotalDays;
            lead.Temperature = days > 21 ? Temperature.Cold : days > 7 ? Temperature.Warm : Temperature.Hot;
        }

        await db.SaveChangesAsync(cancellationToken);
        await snapshotter.SnapshotAsync(db, model.Stocks, now, cancellationToken);
        LogSeeded(logger, customers.Count, leads.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo: {Customers} customers, {Leads} leads.")]
    private static partial void LogSeeded(ILogger logger, int customers, int leads);
}
