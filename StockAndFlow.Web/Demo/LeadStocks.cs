using StockAndFlow.Definitions;

namespace StockAndFlow.Web.Demo;

/// <summary>The sales pipeline: hot, warm and cold leads.</summary>
public sealed class LeadStocks : IStockAndFlowDefinition
{
    public void Define(StockAndFlowBuilder sf)
    {
        var hot = sf.Stock<Lead>("hot-leads", l => l.Temperature == Temperature.Hot).Named("Hot leads")
            .Facet("source", l => l.Source).Facet("owner", l => l.Owner!.Name);
        var warm = sf.Stock<Lead>("warm-leads", l => l.Temperature == Temperature.Warm).Named("Warm leads").Direction(StockDirection.Neutral)
            .Facet("source", l => l.Source).Facet("owner", l => l.Owner!.Name);
        var cold = sf.Stock<Lead>("cold-leads", l => l.Temperature == Temperature.Cold).Named("Cold leads").Direction(StockDirection.LowerIsBetter)
            .Facet("source", l => l.Source).Facet("owner", l => l.Owner!.Name);

        sf.Entity<Lead>().Named("lead", "leads").DisplayName(l => l.Name)
            .Column("Name", l => l.Name)
            .Column("Owner", l => l.Owner!.Name)
            .Column("Source", l => l.Source)
            .Column("Last contact", l => l.LastContactedAt, ValueFormat.Age)
            .Column("Email", l => l.Email);

        var created = sf.Flow<Lead>("new-lead").Named("New leads").From(Stock.External).To(hot);
        var cooling = sf.Flow<Lead>("cooling").Named("Cooling").From(hot, warm).To(warm, cold);
        var reengaging = sf.Flow<Lead>("re-engaging").Named("Re-engaging").From(warm, cold).To(hot).Handle<NotifyOwner>();
        var dropped = sf.Flow<Lead>("dropped").Named("Dropped").From(hot, warm, cold).To(Stock.External);

        sf.Process("pipeline", "Sales pipeline").Includes(hot, warm, cold).Includes(created, cooling, reengaging, dropped);

        // Alerts in stock terms; the demo's history makes the first hold. Evaluated by the alerts job.
        sf.Alert("cold-leads-piling-up", "Cold leads piling up").WhenAbove(cold, 100);
        sf.Alert("few-hot-leads", "Few hot leads").WhenBelow(hot, 20);
        sf.Alert("leads-cooling-off", "Leads cooling off").WhenOutflowExceedsInflow(hot, 3);

        // Operators act on members from the admin; each moved row is recorded along "re-engaging".
        sf.Action<Lead>("mark-contacted", "Mark as contacted").On(hot, warm, cold)
            .Describe("Sets the lead hot and its last contact to now.")
            .Set((s, now) => s.SetProperty(l => l.Temperature, Temperature.Hot).SetProperty(l => l.LastContactedAt, now));

        // Both moves are along "cooling"; the recurring decay jobs run them.
        sf.Decay<Lead>("hot-to-warm").Named("Hot → warm after 7 days without contact")
            .From(hot).To(warm).When(l => l.LastContactedAt, TimeSpan.FromDays(7))
            .Set(s => s.SetProperty(l => l.Temperature, Temperature.Warm));
        sf.Decay<Lead>("warm-to-cold").Named("Warm → cold after 21 days without contact")
            .From(warm).To(cold).When(l => l.LastContactedAt, TimeSpan.FromDays(21))
            .Set(s => s.SetProperty(l => l.Temperature, Temperature.Cold));
    }
}
