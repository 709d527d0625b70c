using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Movements;

/// <summary>How an entity type's rows move: where from and where to, how long they stay, and where each week's entrants went.</summary>
public sealed class MovementsController(AdminReadModel read, MovementsReader movements) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Show(string entity, string? cohort, CancellationToken cancellationToken)
    {
        if (movements.FindEntity(entity) is not { } type)
        {
            return NotFoundPage("entity type", entity);
        }

        var range = RangeState.Parse(Request, read);
        var parsed = RangeQuery.Parse(RangeParameters.Read(Request.Query), read.Now, read.Calendar);
        var stocks = read.Model.Stocks.Where(s => s.EntityType == type).ToList();
        var cohortStock = stocks.FirstOrDefault(s => s.Slug == cohort) ?? stocks[0];
        var transitions = await movements.TransitionsAsync(type, parsed, cancellationToken);
        var dwell = await movements.DwellTimesAsync(type, parsed, cancellationToken);
        var cohorts = await movements.CohortsAsync(cohortStock, parsed, cancellationToken);
        var ages = await movements.MemberAgesAsync(type, cancellationToken);
        var before = parsed.Previous(read.Calendar);
        return View(new MovementsPage(entity, stocks, range, transitions, dwell, cohortStock, cohorts, ages)
        {
            PreviousTransitions = await movements.TransitionsAsync(type, before, cancellationToken),
            PreviousDwell = await movements.DwellTimesAsync(type, before, cancellationToken),
        });
    }
}

/// <summary>What the movements page shows.</summary>
public sealed record MovementsPage(
    string Entity,
    IReadOnlyList<Stock> Stocks,
    RangeState Range,
    IReadOnlyList<Transition> Transitions,
    IReadOnlyList<DwellTime> Dwell,
    Stock CohortStock,
    IReadOnlyList<Cohort> Cohorts,
    IReadOnlyList<MemberAges> Ages)
{
    /// <summary>The moves of the range before (as many buckets), which the totals compare with.</summary>
    public IReadOnlyList<Transition> PreviousTransitions { get; init; } = [];

    /// <summary>The stays that ended in the range before, which the dwell times compare with.</summary>
    public IReadOnlyList<DwellTime> PreviousDwell { get; init; } = [];

    /// <summary>All moves out of <paramref name="source"/> (null: from outside) in the range, and in the range before.</summary>
    public Comparison MovesFrom(string? source) =>
        new(Transitions.Where(t => t.Source == source).Sum(t => t.Count), PreviousTransitions.Where(t => t.Source == source).Sum(t => t.Count), "in the range before");

    /// <summary>A stock's leaves in the range and in the range before.</summary>
    public Comparison LeavesFrom(string stock) =>
        new(Dwell.FirstOrDefault(d => d.Stock == stock)?.Leaves ?? 0, PreviousDwell.FirstOrDefault(d => d.Stock == stock)?.Leaves ?? 0, "in the range before");

    /// <summary>A stock's median stay in the range before, if any row left it then.</summary>
    public TimeSpan? PreviousMedian(string stock) => PreviousDwell.FirstOrDefault(d => d.Stock == stock)?.Median;

    /// <summary>A stock's name by slug; "Outside" for null (External).</summary>
    public string NameOf(string? slug) => slug is null ? "Outside" : Stocks.FirstOrDefault(s => s.Slug == slug)?.Name ?? slug;
}
