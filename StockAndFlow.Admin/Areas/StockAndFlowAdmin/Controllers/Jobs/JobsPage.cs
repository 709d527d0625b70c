using StockAndFlow.Definitions;
using StockAndFlow.Jobs;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Jobs;

/// <summary>
/// The recurring jobs (from the scheduler; <see langword="null"/> when the host has none) and the decay
/// rules with their preview and pause state.
/// </summary>
public sealed record JobsPage(string? DashboardPath, IReadOnlyList<ScheduledJob>? Jobs, IReadOnlyList<DecayRuleRow> Rules, string? Message);

/// <summary>A decay rule: what it moves, how many it would move now, and whether it is paused.</summary>
public sealed record DecayRuleRow(DecayRule Rule, int Preview, bool IsPaused)
{
    /// <summary>The timestamp column the rule ages by, e.g. <c>LastContactedAt</c>.</summary>
    public string? AgeColumn => Rule.Age?.Body is System.Linq.Expressions.MemberExpression member ? member.Member.Name : null;
}
