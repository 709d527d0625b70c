using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;
using StockAndFlow.Records;
using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Web.Admin.Api;

public sealed record StockSummary(string Slug, string Name, string? Description, string Entity, long Count, long? Previous, long? Change, string? Process, IReadOnlyList<long?> Sparkline);

public sealed record FlowSummary(string Slug, string Name, string? Description, string Entity, IReadOnlyList<string?> Sources, IReadOnlyList<string?> Sinks, long LastPeriod, string? Process);

public sealed record FacetShare(string? Value, long Count, double Share);

public sealed record FacetBreakdown(string Slug, string Name, IReadOnlyList<FacetShare> Values);

public sealed record FlowRate(string Slug, string Name, string Direction, long Events);

public sealed record StockDetail(StockSummary Summary, IReadOnlyList<FacetBreakdown> Facets, IReadOnlyList<FlowRate> Inflows, IReadOnlyList<FlowRate> Outflows, IReadOnlyList<ActionInfo> Actions);

public sealed record ActionInfo(string Slug, string Name, string? Description, bool SetBased);

/// <summary>What the admin's pages and API show, read from the model, live counts and records.</summary>
public sealed class AdminReadModel(StockAndFlowModel model, StockCounter counter, StockHistory history, PeriodCalendar calendar, TimeProvider time)
{
    /// <summary>The period "change vs previous" and "events in the last period" refer to.</summary>
    public const Period SummaryPeriod = Period.Day;

    public StockAndFlowModel Model => model;

    public PeriodCalendar Calendar => calendar;

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<StockSummary>> StocksAsync(DbContext db, CancellationToken cancellationToken)
    {
        var result = new List<StockSummary>();
        foreach (var group in model.Stocks.GroupBy(s => s.EntityType))
        {
            var stocks = group.ToList();
            var totals = await counter.CountTotalsAsync(db, stocks, cancellationToken);
            for (var i = 0; i < stocks.Count; i++)
            {
                result.Add(await SummaryAsync(db, stocks[i], totals[i], cancellationToken));
            }
        }

        return [.. result.OrderBy(s => model.Stocks.ToList().FindIndex(x => x.Slug == s.Slug))];
    }

    public async Task<StockDetail> StockAsync(DbContext db, Stock stock, CancellationToken cancellationToken)
    {
        var count = (await counter.CountAsync(db, [stock], cancellationToken))[0];
        var summary = await SummaryAsync(db, stock, count.Total, cancellationToken);
        var facets = count.Facets.Select(f => new FacetBreakdown(f.Facet.Slug, f.Facet.Name, [.. f.Values.Select(v => new FacetShare(v.Value, v.Count, count.Total == 0 ? 0 : (double)v.Count / count.Total))])).ToList();
        var since = Now - TimeSpan.FromDays(30);
        var inflows = new List<FlowRate>();
        var outflows = new List<FlowRate>();
        foreach (var flow in model.Flows)
        {
            // Only the events that entered or left this stock: a flow may have other sources and sinks.
            if (flow.Sinks.Contains(stock))
            {
                inflows.Add(new FlowRate(flow.Slug, flow.Name, "in", await db.Set<FlowEvent>().AsNoTracking()
                    .LongCountAsync(e => e.Flow == flow.Slug && e.Sink == stock.Slug && e.OccurredAt >= since, cancellationToken)));
            }

            if (flow.Sources.Contains(stock))
            {
                outflows.Add(new FlowRate(flow.Slug, flow.Name, "out", await db.Set<FlowEvent>().AsNoTracking()
                    .LongCountAsync(e => e.Flow == flow.Slug && e.Source == stock.Slug && e.OccurredAt >= since, cancellationToken)));
            }
        }

        var actions = model.ActionsOn(stock).Select(a => new ActionInfo(a.Slug, a.Name, a.Description, a.IsSetBased)).ToList();
        return new StockDetail(summary, facets, inflows, outflows, actions);
    }

    public async Task<IReadOnlyList<FlowSummary>> FlowsAsync(DbContext db, CancellationToken cancellationToken)
    {
        var since = calendar.BucketStart(Now, SummaryPeriod);
        var result = new List<FlowSummary>();
        foreach (var flow in model.Flows)
        {
            result.Add(new FlowSummary(
                flow.Slug,
                flow.Name,
                flow.Description,
                flow.EntityType.Name,
                [.. flow.Sources.Select(s => s.IsExternal ? null : s.Slug)],
                [.. flow.Sinks.Select(s => s.IsExternal ? null : s.Slug)],
                await EventsSinceAsync(db, flow, since, cancellationToken),
                model.Processes.FirstOrDefault(p => p.Flows.Contains(flow))?.Slug));
        }

        return result;
    }

    public static Task<long> EventsSinceAsync(DbContext db, Flow flow, DateTime since, CancellationToken cancellationToken) =>
        db.Set<FlowEvent>().AsNoTracking().LongCountAsync(e => e.Flow == flow.Slug && e.OccurredAt >= since, cancellationToken);

    private async Task<StockSummary> SummaryAsync(DbContext db, Stock stock, long total, CancellationToken cancellationToken)
    {
        var now = Now;
        var previous = await history.PreviousAsync(db, stock, now, SummaryPeriod, cancellationToken);
        var sparkline = await history.ReadAsync(db, stock, now - TimeSpan.FromDays(13), now, Period.Day, cancellationToken);
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
