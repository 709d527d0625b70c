using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Records;

/// <summary>
/// P4's model: the member cycle trial → active → paused → churned → trial as four stocks without
/// facets and four flows. Without facets the flow records are the flows' totals only, so building them
/// over 10 M events is one grouped query rather than a walk over every event's subject.
/// </summary>
public sealed class MemberFlows : IStockAndFlowDefinition
{
    /// <summary>The flow P4 reads a series of: the largest, with about 40 % of the events.</summary>
    public const string Measured = "activation";

    /// <summary>Every flow with its source and sink stock and its share of the generated events.</summary>
    public static IReadOnlyList<(string Flow, string Source, string Sink, double Share)> Cycle { get; } =
    [
        (Measured, "trial-members", "active-members", 0.40),
        ("pausing", "active-members", "paused-members", 0.25),
        ("churning", "paused-members", "churned-members", 0.20),
        ("winning-back", "churned-members", "trial-members", 0.15),
    ];

    public void Define(StockAndFlowBuilder sf)
    {
        var trial = sf.Stock<Member>("trial-members", m => m.Status == MemberStatus.Trial);
        var active = sf.Stock<Member>("active-members", m => m.Status == MemberStatus.Active);
        var paused = sf.Stock<Member>("paused-members", m => m.Status == MemberStatus.Paused);
        var churned = sf.Stock<Member>("churned-members", m => m.Status == MemberStatus.Churned);

        sf.Flow<Member>(Cycle[0].Flow).From(trial).To(active);
        sf.Flow<Member>(Cycle[1].Flow).From(active).To(paused);
        sf.Flow<Member>(Cycle[2].Flow).From(paused).To(churned);
        sf.Flow<Member>(Cycle[3].Flow).From(churned).To(trial);
    }
}
