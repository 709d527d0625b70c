using StockAndFlow.Admin.Reading;
using StockAndFlow.Jobs;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Jobs;

/// <summary>
/// The recurring jobs (from the scheduler; <see langword="null"/> when the host has none) and the decay
/// rules with their preview and pause state.
/// </summary>
public sealed record JobsPage(string? DashboardPath, IReadOnlyList<ScheduledJob>? Jobs, IReadOnlyList<DecayRuleRow> Rules, string? Message)
{
    /// <summary>When each job's results were last written, for jobs the scheduler has not run yet.</summary>
    public IReadOnlyDictionary<string, DateTime> Traces { get; init; } = new Dictionary<string, DateTime>();
}
