using StockAndFlow.Definitions;

namespace StockAndFlow.Web.Demo;

/// <summary>The customer life cycle: trial, active, churned.</summary>
public sealed class CustomerStocks : IStockAndFlowDefinition
{
    public void Define(StockAndFlowBuilder sf)
    {
        var trial = sf.Stock<Customer>("trial-customers", c => c.Status == CustomerStatus.Trial).Named("Trial customers")
            .Describe("Signed up, not yet paying.")
            .Facet("plan", c => c.Plan, ["starter", "team", "enterprise"]).Facet("country", c => c.Country);
        var active = sf.Stock<Customer>("active-customers", c => c.Status == CustomerStatus.Active).Named("Active customers")
            .Describe("Paying customers.")
            .Facet("plan", c => c.Plan, ["starter", "team", "enterprise"]).Facet("country", c => c.Country);
        var churned = sf.Stock<Customer>("churned-customers", c => c.Status == CustomerStatus.Churned).Named("Churned customers")
            .Facet("plan", c => c.Plan, ["starter", "team", "enterprise"]);

        var signup = sf.Flow<Customer>("signing-up").Named("Signing up").From(Stock.External).To(trial);
        var converting = sf.Flow<Customer>("converting").Named("Converting").From(trial).To(active);
        var churning = sf.Flow<Customer>("churning").Named("Churning").From(trial, active).To(churned);
        var reactivating = sf.Flow<Customer>("reactivating").Named("Reactivating").From(churned).To(active);

        sf.Process("customer-lifecycle", "Customer life cycle")
            .Includes(trial, active, churned)
            .Includes(signup, converting, churning, reactivating);

        sf.Alert("unusual-signups", "Unusual number of signups").WhenFlowOffWeekdayAverage(signup, 75);
        sf.Alert("trials-running-out", "Trials running out").WhenRunsOutWithin(trial, 30);
    }
}
