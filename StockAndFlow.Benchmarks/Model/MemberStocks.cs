using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Model;

/// <summary>
/// Four stocks over <see cref="Member.Status"/>, each broken down by region and plan (20 listed
/// values each), and four flows that move every member one step round the cycle
/// trial → active → paused → churned → trial; and one decay rule (P3) pausing old active members.
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

    /// <summary>The decay rule P3 runs: active members created more than <see cref="IdleAfter"/> ago are paused.</summary>
    public const string IdleActiveRule = "pause-idle-active";

    /// <summary>The age after which <see cref="IdleActiveRule"/> pauses an active member.</summary>
    public static TimeSpan IdleAfter { get; } = TimeSpan.FromDays(30);

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

        sf.Decay<Member>(IdleActiveRule).Named("Active → paused 30 days after sign-up")
            .From(active).To(paused).When(m => m.CreatedAt, IdleAfter)
            .Set(s => s.SetProperty(m => m.Status, MemberStatus.Paused));
    }
}
