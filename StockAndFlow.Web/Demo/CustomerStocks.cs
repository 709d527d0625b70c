using StockAndFlow.Definitions;

namespace StockAndFlow.Web.Demo;

/// <summary>The customer life cycle: trial, active, churned.</summary>
public sealed class CustomerStocks : IStockAndFlowDefinition
{
    public void Define(StockAndFlowBuilder sf)
    {
        var trial = sf.Stock<Customer>("trial-customers", c => c.Status == CustomerStatus.Trial).Named("Trial customers")
            .Describe("Signed up, not yet paying.").Direction(StockDirection.Neutral) // fewer trials may mean conversions or churn
            .Facet("plan", c => c.Plan, ["starter", "team", "enterprise"]).Facet("country", c => c.Country);
        var active = sf.Stock<Customer>("active-customers", c => c.Status == CustomerStatus.Active).Named("Active customers")
            .Describe("Paying customers.")
            .Facet("plan", c => c.Plan, ["starter", "team", "enterprise"]).Facet("country", c => c.Country);
        var churned = sf.Stock<Customer>("churned-customers", c => c.Status == CustomerStatus.Churned).Named("Churned customers")
            .Describe("Customers who stopped paying.").Direction(StockDirection.LowerIsBetter)
            .Facet("plan", c => c.Plan, ["starter", "team", "enterprise"]);

        var signup = sf.Flow<Customer>("signing-up").Named("Signing up").From(Stock.External).To(trial);
        var converting = sf.Flow<Customer>("converting").Named("Converting").From(trial).To(active);
        var churning = sf.Flow<Customer>("churning").Named("Churning").From(trial, active).To(churned);
        var reactivating = sf.Flow<Customer>("reactivating").Named("Reactivating").From(churned).To(active);

        // How operators see a customer: by name, with the columns that help them decide.
        sf.Entity<Customer>().Named("customer", "customers").DisplayName(c => c.Name)
            .Column("Name", c => c.Name)
            .Column("Plan", c => c.Plan)
            .Column("Country", c => c.Country)
            .Column("Signed up", c => c.SignedUpAt, ValueFormat.Date)
            .Column("Customer for", c => c.SignedUpAt, ValueFormat.Age)
            .Column("Orders", c => c.Orders.Count);

        sf.Process("customer-lifecycle", "Customer life cycle")
            .Includes(trial, active, churned)
            .Includes(signup, converting, churning, reactivating);

        sf.Alert("unusual-signups", "Unusual number of signups").WhenFlowOffWeekdayAverage(signup, 75);
        sf.Alert("trials-running-out", "Trials running out").WhenRunsOutWithin(trial, 30);
    }
}
