using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Model;

/// <summary>
/// Four stocks over <see cref="Member.Status"/>, each broken down by region and plan (20 listed
/// values each), and four flows that move every member one step round the cycle
/// trial → active → paused → churned → trial.
/// </summary>
public sealed class MemberStocks : IStockAndFlowDefinition
{
    /// <summary>Flow slug by the status a member leaves; the cycle P2 applies.</summary>
    public static IReadOnlyDictionary<MemberStatus, string> FlowLeaving { get; } = new Dictionary<MemberStatus, string>
    {
        [MemberStatus.Trial] = "activation",
        [MemberStatus.Active] = "pausing",
        [MemberStatus.Paused] = "churning",
        [MemberStatus.Churned] = "winning-back",
    };

    /// <summary>Stock slug by status.</summary>
    public static IReadOnlyDictionary<MemberStatus, string> StockOf { get; } = new Dictionary<MemberStatus, string>
    {
        [MemberStatus.Trial] = "trial-members",
        [MemberStatus.Active] = "active-members",
        [MemberStatus.Paused] = "paused-members",
        [MemberStatus.Churned] = "churned-members",
    };

    /// <summary>The status a member moves to in P2.</summary>
    public static MemberStatus Next(MemberStatus status) => (MemberStatus)(((int)status + 1) % 4);

    public void Define(StockAndFlowBuilder sf)
    {
        var trial = sf.Stock<Member>(StockOf[MemberStatus.Trial], m => m.Status == MemberStatus.Trial)
            .Facet("region", m => m.Region, MemberValues.Regions).Facet("plan", m => m.Plan, MemberValues.Plans);
        var active = sf.Stock<Member>(StockOf[MemberStatus.Active], m => m.Status == MemberStatus.Active)
            .Facet("region", m => m.Region, MemberValues.Regions).Facet("plan", m => m.Plan, MemberValues.Plans);
        var paused = sf.Stock<Member>(StockOf[MemberStatus.Paused], m => m.Status == MemberStatus.Paused)
            .Facet("region", m => m.Region, MemberValues.Regions).Facet("plan", m => m.Plan, MemberValues.Plans);
        var churned = sf.Stock<Member>(StockOf[MemberStatus.Churned], m => m.Status == MemberStatus.Churned)
            .Facet("region", m => m.Region, MemberValues.Regions).Facet("plan", m => m.Plan, MemberValues.Plans);

        sf.Flow<Member>(FlowLeaving[MemberStatus.Trial]).From(trial).To(active);
        sf.Flow<Member>(FlowLeaving[MemberStatus.Active]).From(active).To(paused);
        sf.Flow<Member>(FlowLeaving[MemberStatus.Paused]).From(paused).To(churned);
        sf.Flow<Member>(FlowLeaving[MemberStatus.Churned]).From(churned).To(trial);
    }
}
