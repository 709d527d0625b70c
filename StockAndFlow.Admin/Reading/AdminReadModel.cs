using StockAndFlow.Reading;
using StockAndFlow.Storage;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Admin.Api;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// What the admin's index, stock and process pages and the stock and flow API show: every stock and flow
/// with its live count (<see cref="LiveCounts"/>: the last recount plus the writes since), a stock's
/// facets and flows, read from the model, live counts and records and
/// reused for a few seconds (<see cref="AdminSummaryCache"/>). Also the clock and calendar every
/// page and API range is read against.
/// </summary>
public sealed class AdminReadModel(StockAndFlowModel model, LiveCounts live, StockHistory history, PeriodCalendar calendar, TimeProvider time, AdminSummaryCache cache, AdminDatabase database, BridgeReader bridges)
{
    /// <summary>The period "change vs previous" and "events in the last period" refer to.</summary>
    public const Period SummaryPeriod = Period.Day;

    public StockAndFlowModel Model => model;

    public PeriodCalendar Calendar => calendar;

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Every stock with its live count, change and sparkline: one query per entity type plus one for all records.</summary>
    public Task<IReadOnlyList<StockSummary>> StocksAsync(CancellationToken cancellationToken) =>
        cache.Stocks.GetAsync("", () => LastEventAsync(Db, cancellationToken), () => CountStocksAsync(Db, cancellationToken));

    /// <summary>A stock's live count with facets, sparkline and flows in and out of it over the last 30 days (as <see cref="RangeQuery"/> defines them).</summary>
    public Task<StockDetail> StockAsync(Stock stock, CancellationToken cancellationToken) =>
        cache.Details.GetAsync(stock.Slug, () => LastEventAsync(Db, cancellationToken), () => CountStockAsync(Db, stock, cancellationToken));

    /// <summary>Every flow with its events since the start of the current period.</summary>
    public Task<IReadOnlyList<FlowSummary>> FlowsAsync(CancellationToken cancellationToken) =>
        cache.Flows.GetAsync("", () => LastEventAsync(Db, cancellationToken), () => CountFlowsAsync(Db, cancellationToken));

    private DbContext Db => database.Context;

    // The newest event's and stock change's ids (their sum grows when either does) and recount: any
    // move, facet change or recount since the summaries were computed makes them stale.
    private static async Task<long> LastEventAsync(DbContext db, CancellationToken cancellationToken) =>
        (await db.Set<FlowEvent>().MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0)
        + (await db.Set<StockChange>().MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0)
        + (await db.Set<Recount>().MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0);

    private async Task<IReadOnlyList<StockSummary>> CountStocksAsync(DbContext db, CancellationToken cancellationToken)
    {
        var counts = await live.TotalsAsync(db, model.Stocks, cancellationToken);
        var totals = model.Stocks.Select((s, i) => (s, counts[i])).ToDictionary(x => x.s, x => x.Item2);

        var now = Now;
        var sparklines = await history.ReadManyAsync(db, model.Stocks, SparklineStart(now), now, Period.Day, cancellationToken);
        var unexplained = await bridges.UnexplainedAsync(cancellationToken);
        var result = new List<StockSummary>();
        foreach (var stock in model.Stocks)
        {
            result.Add(await SummaryAsync(db, stock, totals[stock], sparklines[stock.Slug], cancellationToken) with { Unexplained = unexplained.GetValueOrDefault(stock.Slug) });
        }

        return result;
    }

    private async Task<StockDetail> CountStockAsync(DbContext db, Stock stock, CancellationToken cancellationToken)
    {
        var count = (await live.CountAsync(db, [stock], cancellationToken))[0];
        var sparkline = await history.ReadAsync(db, stock, SparklineStart(Now), Now, Period.Day, cancellationToken);
        var unexplained = (await bridges.UnexplainedAsync(cancellationToken)).GetValueOrDefault(stock.Slug);
        var summary = await SummaryAsync(db, stock, count.Total, sparkline, cancellationToken) with { Unexplained = unexplained };
        var facets = count.Facets.Select(f => new FacetBreakdown(f.Facet.Slug, f.Facet.Name, [.. f.Values.Select(v => new FacetShare(v.Value, v.Count, count.Total == 0 ? 0 : (double)v.Count / count.Total))])).ToList();
        var since = calendar.StartOfLastDays(Now, RangeQuery.DefaultDays);
        var related = model.Flows.Where(f => f.Sinks.Contains(stock) || f.Sources.Contains(stock)).ToList();
        var slugs = related.Select(f => f.Slug).ToList();
        // The window and the one before it, in one query: the page compares them.
        var before = calendar.StartOfLastDays(since.AddTicks(-1), RangeQuery.DefaultDays);
        var moves = slugs.Count == 0 ? [] : await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => slugs.Contains(e.Flow) && e.OccurredAt >= before && (e.Sink == stock.Slug || e.Source == stock.Slug))
            .GroupBy(e => new { e.Flow, e.Source, e.Sink, Recent = e.OccurredAt >= since })
            .Select(g => new { g.Key.Flow, g.Key.Source, g.Key.Sink, g.Key.Recent, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        // Only the events that entered or left this stock: a flow may have other sources and sinks.
        var inflows = related.Where(f => f.Sinks.Contains(stock))
            .Select(f => new FlowRate(f.Slug, f.Name, "in", moves.Where(m => m.Flow == f.Slug && m.Sink == stock.Slug && m.Recent).Sum(m => m.Count), moves.Where(m => m.Flow == f.Slug && m.Sink == stock.Slug && !m.Recent).Sum(m => m.Count)))
            .ToList();
        var outflows = related.Where(f => f.Sources.Contains(stock))
            .Select(f => new FlowRate(f.Slug, f.Name, "out", moves.Where(m => m.Flow == f.Slug && m.Source == stock.Slug && m.Recent).Sum(m => m.Count), moves.Where(m => m.Flow == f.Slug && m.Source == stock.Slug && !m.Recent).Sum(m => m.Count)))
            .ToList();

        var actions = ActionInfo.On(model, stock);
        return new StockDetail(summary, facets, inflows, outflows, actions);
    }

    // Events since the start of the current period, every flow in one GROUP BY.
    private async Task<IReadOnlyList<FlowSummary>> CountFlowsAsync(DbContext db, CancellationToken cancellationToken)
    {
        var since = calendar.BucketStart(Now, SummaryPeriod);
        var slugs = model.Flows.Select(f => f.Slug).ToList();
        var counts = slugs.Count == 0 ? [] : await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => e.OccurredAt >= since && slugs.Contains(e.Flow))
            .GroupBy(e => e.Flow)
            .Select(g => new { Flow = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Flow, g => g.Count, cancellationToken);
        return [.. model.Flows.Select(flow => new FlowSummary(
            flow.Slug,
            flow.Name,
            flow.Description,
            flow.EntityType.Name,
            [.. flow.Sources.Select(s => s.IsExternal ? null : s.Slug)],
            [.. flow.Sinks.Select(s => s.IsExternal ? null : s.Slug)],
            counts.GetValueOrDefault(flow.Slug),
            model.Processes.FirstOrDefault(p => p.Flows.Contains(flow))?.Slug))];
    }

    // The sparkline shows the last 14 day buckets, today's included.
    private DateTime SparklineStart(DateTime now) => calendar.StartOfLastDays(now, 14);

    private async Task<StockSummary> SummaryAsync(DbContext db, Stock stock, long total, IReadOnlyList<LevelPoint> sparkline, CancellationToken cancellationToken)
    {
        // The record before today's bucket is usually in the sparkline; look further back only when it is not.
        var current = calendar.BucketStart(Now, SummaryPeriod);
        var previous = sparkline.LastOrDefault(p => p.BucketStart < current && p.Value is not null).Value
            ?? await history.PreviousAsync(db, stock, Now, SummaryPeriod, cancellationToken);
        return new StockSummary(
            stock.Slug,
            stock.Name,
            stock.Description,
            stock.EntityType.Name,
            total,
            previous,
            previous is { } p ? total - p : null,
            model.Processes.FirstOrDefault(x => x.Stocks.Contains(stock))?.Slug,
            [.. sparkline.Select(x => x.Value)]);
    }
}
