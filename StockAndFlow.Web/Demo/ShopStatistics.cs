using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Insights;
using StockAndFlow.Statistics;

namespace StockAndFlow.Web.Demo;

/// <summary>The demo's statistics (orders, revenue, signups) and one insight of every kind.</summary>
public sealed class ShopStatistics : IStockAndFlowDefinition
{
    public void Define(StockAndFlowBuilder sf)
    {
        var shop = sf.Domain("shop", "Shop", "Orders and revenue.");
        var orders = shop.Metric("orders", "Orders", "Orders placed.").Unit("orders");
        var revenue = shop.Metric("revenue", "Revenue", "Sum of order totals.").Format(ValueFormat.Currency("EUR"));
        var averageOrder = shop.Metric("average-order", "Average order", "Average order total.").Format(ValueFormat.Currency("EUR"));
        var users = sf.Domain("users", "Users");
        var signups = users.Metric("signups", "Sign-ups", "Customers who signed up.").Unit("sign-ups");

        sf.Track<Order>(orders)
            .CountByDate(o => o.PlacedAt, StatisticPeriod.Day, StatisticPeriod.Week, StatisticPeriod.Month, StatisticPeriod.Days28, StatisticPeriod.Lifetime)
            .CountByDateAndObject<Customer, int>(o => o.PlacedAt, o => o.CustomerId, StatisticPeriod.Month);
        sf.Track<Order>(revenue)
            .SumByDate(o => o.PlacedAt, o => o.Total, StatisticPeriod.Day, StatisticPeriod.Month, StatisticPeriod.Lifetime)
            .SumByDateAndObject<Customer, int>(o => o.PlacedAt, o => o.Total, o => o.CustomerId, StatisticPeriod.Month, StatisticPeriod.Lifetime);
        sf.Track<Order>(averageOrder).AverageByDate(o => o.PlacedAt, o => o.Total, StatisticPeriod.Month);
        sf.Track<Customer>(signups).CountByDate(c => c.SignedUpAt, StatisticPeriod.Day, StatisticPeriod.Week, StatisticPeriod.Month, StatisticPeriod.Lifetime);

        sf.Insight(InsightDefinition.Counter("customer-count", "How many customers are there?", (c, ct) => c.Db.Set<Customer>().LongCountAsync(ct)));
        sf.Insight(InsightDefinition.Gauge("average-order-value", "What is the average order value?", async (c, ct) =>
            await c.Db.Set<Order>().AnyAsync(ct) ? Math.Round(await c.Db.Set<Order>().AverageAsync(o => o.Total, ct), 2) : null)
            .Describe("Mean total of every order placed so far."));
        sf.Insight(InsightDefinition.Timeseries("orders-per-month", "How many orders are placed each month?", async (c, ct) =>
            (await c.Db.Set<Order>().GroupBy(o => new { o.PlacedAt.Year, o.PlacedAt.Month }).Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() }).ToListAsync(ct))
                .Select(g => (new DateTime(g.Year, g.Month, 1, 0, 0, 0, DateTimeKind.Utc), (decimal)g.Count)))
            .Labeled("Month", "Orders"));
        sf.Insight(InsightDefinition.Scatter("orders-vs-revenue", "Do customers who order more spend more per order?", async (c, ct) =>
            (await c.Db.Set<Order>().GroupBy(o => new { o.CustomerId, o.Customer!.Plan }).Select(g => new { g.Key.Plan, Count = g.Count(), Total = g.Sum(o => o.Total) }).ToListAsync(ct))
                .Select(g => ((decimal)g.Count, Math.Round(g.Total / g.Count, 2), g.Plan)))
            .Labeled("Orders per customer", "Average order total"));
        sf.Insight(InsightDefinition.Bar("customers-by-plan", "How many customers are on each plan?", async (c, ct) =>
            (await c.Db.Set<Customer>().GroupBy(x => x.Plan).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.Key, (decimal)g.Count)))
            .Labeled("Plan", "Customers"));
        sf.Insight(InsightDefinition.HorizontalBar("leads-by-source", "Where do our leads come from?", async (c, ct) =>
            (await c.Db.Set<Lead>().GroupBy(l => l.Source).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.Key, (decimal)g.Count)))
            .Labeled("Source", "Leads"));
    }
}
