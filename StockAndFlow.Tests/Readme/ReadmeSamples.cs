using StockAndFlow.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;
using StockAndFlow.Insights;
using StockAndFlow.Reading;
using StockAndFlow.Statistics;
using StockAndFlow.Tests.Support;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Readme;

// The README's C# samples, verbatim, so the compiler checks them; ReadmeSamplesTests checks that every
// ```csharp block of the README appears here. The surrounding members only give the samples the
// variables they use.
#pragma warning disable IDE0059, CA1822, CS8321

public sealed class LeadStocks : IStockAndFlowDefinition
{
    public void Define(StockAndFlowBuilder sf)
    {
        var hot = sf.Stock<Lead>("hot-leads", l => l.Temperature == Temperature.Hot).Named("Hot leads")
            .Facet("source", l => l.Source)
            .Facet("owner", l => l.Owner!.Name);                 // facets may reach related rows
        var warm = sf.Stock<Lead>("warm-leads", l => l.Temperature == Temperature.Warm);
        var cold = sf.Stock<Lead>("cold-leads", l => l.Temperature == Temperature.Cold);

        var created = sf.Flow<Lead>("new-lead").From(Stock.External).To(hot);
        var cooling = sf.Flow<Lead>("cooling").From(hot, warm).To(warm, cold);
        var reengaging = sf.Flow<Lead>("re-engaging").From(warm, cold).To(hot).Handle<NotifyOwner>();

        sf.Process("pipeline", "Sales pipeline").Includes(hot, warm, cold).Includes(created, cooling, reengaging);
    }
}

public sealed class OperatorDeclarations : IStockAndFlowDefinition
{
    public void Define(StockAndFlowBuilder sf)
    {
        sf.Stock<Customer>("churned-customers", c => c.Status == CustomerStatus.Churned)
            .Named("Churned customers")
            .Direction(StockDirection.LowerIsBetter);              // +8 churned shows red; default: higher is better

        sf.Entity<Lead>().Named("lead", "leads").DisplayName(l => l.Name)
            .Column("Name", l => l.Name)
            .Column("Owner", l => l.Owner!.Name)                   // a related value, not OwnerId
            .Column("Last contact", l => l.LastContactedAt, ValueFormat.Age);   // "12 days ago"

        sf.Domain("shop", "Shop").Metric("revenue", "Revenue").Format(ValueFormat.Currency("EUR"));
    }
}

internal static class ReadmeSamples
{
    public static void Wiring(WebApplicationBuilder builder, string cs, ModelBuilder modelBuilder)
    {
        // Program.cs
        builder.Services.AddDbContext<ShopDbContext>((sp, o) => o.UseSqlite(cs).AddStockAndFlowCapture(sp));
        builder.Services.AddStockAndFlow<ShopDbContext>(builder.Configuration.GetSection("StockAndFlow"))
               .AddDefinitionsFrom(typeof(Program).Assembly);

        // ShopDbContext.OnModelCreating — our tables (prefixed StockAndFlow_) live in your database and
        // your migrations, so an event commits or rolls back with the change that caused it.
        modelBuilder.ApplyStockAndFlow();
    }

    public static void StateFunction(StockAndFlowBuilder sf, Stock<User> premium, Stock<User> regular)
    {
        sf.StateFunction<User>(
            (original, current) => (
                original is null ? [] : [IsPremiumTeam(original.TeamId) ? premium : regular],   // stocks it was in
                current is null ? [] : [IsPremiumTeam(current.TeamId) ? premium : regular]),     // stocks it is in
            premium, regular);                                                                   // the stocks it decides
    }

    public static void DecayAndActions(StockAndFlowBuilder sf, Stock<Lead> hot, Stock<Lead> warm, Stock<Lead> cold)
    {
        sf.Decay<Lead>("hot-to-warm").From(hot).To(warm)
          .When(l => l.LastContactedAt, olderThan: TimeSpan.FromDays(7))
          .Set(s => s.SetProperty(l => l.Temperature, Temperature.Warm));

        sf.Action<Lead>("mark-contacted", "Mark as contacted").On(hot, warm, cold)
          .Describe("Sets the lead hot and its last contact to now.")
          .Set((s, now) => s.SetProperty(l => l.Temperature, Temperature.Hot).SetProperty(l => l.LastContactedAt, now));

        sf.Action<Lead>("assign-to-me", "Assign").On(cold)                    // code per row, saved in batches
          .ForEachRow(async (lead, services, ct) => lead.OwnerId = await PickOwnerAsync(services, ct));
    }

    public static async Task ActionOnMoversAsync(StockAndFlowModel model, DbContext db, StockAndFlow.Actions.ActionExecutions executions, DateTime now)
    {
        var movers = MemberSource.MoversOf(model.FindFlow("cooling")!, now.AddDays(-7), now);
        var page = await MemberQuery.PageAsync(db, movers, new MemberSelection("owner", "Ann"), sort: null, descending: false, page: 1, pageSize: 50);
        var id = await executions.RequestAsync(db, model.FindAction("mark-contacted")!, movers, new MemberSelection("owner", "Ann"), user: "ann@example.com");
        await executions.RunAsync(id);
    }

    public static (MetricDefinition Orders, MetricDefinition Revenue) Statistics(StockAndFlowBuilder sf)
    {
        var shop = sf.Domain("shop", "Shop");
        var orders = shop.Metric("orders", "Orders");
        var revenue = shop.Metric("revenue", "Revenue");
        sf.Track<Order>(orders)
          .CountByDate(o => o.PlacedAt, StatisticPeriod.Day, StatisticPeriod.Lifetime)                 // django-trackstats' CountObjectsByDateTracker
          .CountByDateAndObject<Customer, int>(o => o.PlacedAt, o => o.CustomerId, StatisticPeriod.Month); // ...ByDateAndObjectTracker
        sf.Track<Order>(revenue).SumByDate(o => o.PlacedAt, o => o.Total, StatisticPeriod.Day);
        return (orders, revenue);
    }

    public static async Task<(decimal? Today, List<Statistic> LastWeek)> RecordAndReadAsync(StatisticsStore store, DbContext db, MetricDefinition orders, MetricDefinition revenue, DateTime day)
    {
        await store.RecordAsync(db, orders, StatisticPeriod.Day, 1);                                  // today
        await store.RecordAsync(db, revenue, StatisticPeriod.Lifetime, day, 250m, "Customer", "42");   // a given day, for one object
        decimal? ordersToday = await store.ValueAsync(db, orders, StatisticPeriod.Day);
        List<Statistic> lastWeek = await store.ReadAsync(db, orders, StatisticPeriod.Day, from: day.AddDays(-7), to: day);
        return (ordersToday, lastWeek);
    }

    public static void Alerts(StockAndFlowBuilder sf, Stock hot, Stock cold, Stock trial, Flow signup)
    {
        sf.Alert("cold-leads-piling-up", "Cold leads piling up").WhenAbove(cold, 100);
        sf.Alert("few-hot-leads", "Few hot leads").WhenBelow(hot, 20);
        sf.Alert("leads-cooling-off", "Leads cooling off").WhenOutflowExceedsInflow(hot, 3);              // 3 whole days in a row
        sf.Alert("unusual-signups", "Unusual number of signups").WhenFlowOffWeekdayAverage(signup, 75); // yesterday vs the same weekday of the 4 weeks before
        sf.Alert("trials-running-out", "Trials running out").WhenRunsOutWithin(trial, 30);              // at the net flow per day of the last 28 days
    }

    public static void Insights(StockAndFlowBuilder sf)
    {
        sf.Insight(InsightDefinition.Counter("customer-count", "How many customers are there?", (c, ct) => c.Db.Set<Customer>().LongCountAsync(ct)));
        sf.Insight(InsightDefinition.Gauge("average-order-value", "What is the average order value?", async (c, ct) => await c.Db.Set<Order>().AverageAsync(o => o.Total, ct)));
        sf.Insight(InsightDefinition.Timeseries("orders-per-month", "Orders each month?", LoadMonthlyOrdersAsync).Labeled("Month", "Orders"));
        sf.Insight(InsightDefinition.Scatter("orders-vs-revenue", "Do frequent buyers spend more?", LoadPointsAsync));   // (x, y, category)
        sf.Insight(InsightDefinition.Bar("customers-by-plan", "Customers per plan?", LoadPlansAsync));                   // (category, value)
        sf.Insight(InsightDefinition.HorizontalBar("leads-by-source", "Where do leads come from?", LoadSourcesAsync));
    }

    private static bool IsPremiumTeam(int? teamId) => teamId == 2;

    private static Task<int> PickOwnerAsync(IServiceProvider services, CancellationToken ct) => Task.FromResult(1);

    private static Task<IEnumerable<(DateTime At, decimal Value)>> LoadMonthlyOrdersAsync(InsightContext c, CancellationToken ct) => Task.FromResult(Enumerable.Empty<(DateTime, decimal)>());

    private static Task<IEnumerable<(decimal X, decimal Y, string Category)>> LoadPointsAsync(InsightContext c, CancellationToken ct) => Task.FromResult(Enumerable.Empty<(decimal, decimal, string)>());

    private static Task<IEnumerable<(string Category, decimal Value)>> LoadPlansAsync(InsightContext c, CancellationToken ct) => Task.FromResult(Enumerable.Empty<(string, decimal)>());

    private static Task<IEnumerable<(string Category, decimal Value)>> LoadSourcesAsync(InsightContext c, CancellationToken ct) => Task.FromResult(Enumerable.Empty<(string, decimal)>());
}
