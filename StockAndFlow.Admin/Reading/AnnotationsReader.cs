using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Admin.Api;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// The bulk-action executions and decay runs that moved rows out of or into a stock, or along a flow,
/// over a range, grouped by bucket: what the stock and flow charts mark.
/// </summary>
/// <remarks>
/// A move records no execution id, so the moves of an execution are the flow events that left its
/// stock while it ran (requested to finished), and those of a decay run the events from its stock to
/// its target while it ran. Rows are counted from those events (distinct subjects), so a marker says
/// how many rows left or entered this stock, or went along this flow. A save of the application's own
/// that moves a row out of the same stock during an execution is counted with it.
/// </remarks>
public sealed class AnnotationsReader(StockAndFlowModel model, PeriodCalendar calendar, TimeProvider time, AdminDatabase database)
{
    /// <summary>The actions and decay runs whose moves left or entered <paramref name="stock"/>.</summary>
    public async Task<IReadOnlyList<AnnotationBucket>> ForStockAsync(Stock stock, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(range);
        var slug = stock.Slug;

        // Stocks whose flows can carry a row into this one: an action on them may have moved rows here.
        var feeders = model.Flows.Where(f => f.Sinks.Contains(stock)).SelectMany(f => f.Sources).Where(s => !s.IsExternal).Select(s => s.Slug).Append(slug).Distinct().ToList();
        var runs = await DecayRunsAsync(range, r => r.FromStock == slug || r.ToStock == slug, e => e.Source == slug || e.Sink == slug, cancellationToken);
        var actions = await ActionsAsync(range, x => feeders.Contains(x.Stock), e => e.Source == slug || e.Sink == slug, cancellationToken);
        return Group(runs.Concat(actions), range);
    }

    /// <summary>The actions and decay runs whose moves went along <paramref name="flow"/>.</summary>
    public async Task<IReadOnlyList<AnnotationBucket>> ForFlowAsync(Flow flow, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(range);
        var slug = flow.Slug;
        var sources = flow.Sources.Where(s => !s.IsExternal).Select(s => s.Slug).ToList();
        var sinks = flow.Sinks.Where(s => !s.IsExternal).Select(s => s.Slug).ToList();
        var runs = await DecayRunsAsync(range, r => sources.Contains(r.FromStock) && sinks.Contains(r.ToStock), e => e.Flow == slug, cancellationToken);
        var actions = await ActionsAsync(range, x => sources.Contains(x.Stock), e => e.Flow == slug, cancellationToken);
        return Group(runs.Concat(actions), range);
    }

    private async Task<IReadOnlyList<ChartAnnotation>> DecayRunsAsync(
        RangeQuery range,
        System.Linq.Expressions.Expression<Func<DecayRun, bool>> touches,
        System.Linq.Expressions.Expression<Func<FlowEvent, bool>> relevant,
        CancellationToken cancellationToken)
    {
        var db = database.Context;
        var events = db.Set<FlowEvent>().Where(relevant);
        var found = await db.Set<DecayRun>().AsNoTracking()
            .Where(r => r.StartedAt < range.To && r.FinishedAt >= range.From)
            .Where(touches)
            .Select(r => new
            {
                r.Id,
                r.Rule,
                r.FromStock,
                r.ToStock,
                r.RanBy,
                Rows = events.Where(e => e.Source == r.FromStock && e.Sink == r.ToStock && e.OccurredAt >= r.StartedAt && e.OccurredAt <= r.FinishedAt)
                    .Select(e => e.SubjectKey).Distinct().Count(),
                At = events.Where(e => e.Source == r.FromStock && e.Sink == r.ToStock && e.OccurredAt >= r.StartedAt && e.OccurredAt <= r.FinishedAt)
                    .Min(e => (DateTime?)e.OccurredAt),
            })
            .ToListAsync(cancellationToken);
        return [.. found.Where(r => r.Rows > 0 && r.At is not null).Select(r => new ChartAnnotation(
            "decay",
            r.Id,
            DateTime.SpecifyKind(r.At!.Value, DateTimeKind.Utc),
            model.FindDecayRule(r.Rule)?.Name ?? r.Rule,
            r.RanBy,
            r.Rows,
            string.Create(CultureInfo.InvariantCulture, $"Decay: {StockName(r.FromStock)} → {StockName(r.ToStock)}, {Rows(r.Rows)}, {r.RanBy}")))];
    }

    private async Task<IReadOnlyList<ChartAnnotation>> ActionsAsync(
        RangeQuery range,
        System.Linq.Expressions.Expression<Func<ActionExecution, bool>> touches,
        System.Linq.Expressions.Expression<Func<FlowEvent, bool>> relevant,
        CancellationToken cancellationToken)
    {
        var db = database.Context;
        var now = time.GetUtcNow().UtcDateTime;
        var events = db.Set<FlowEvent>().Where(relevant);

        // A running execution's moves so far count up to now; a queued or failed one moved nothing.
        var found = await db.Set<ActionExecution>().AsNoTracking()
            .Where(x => x.Status != ActionExecutionStatus.Queued && x.Status != ActionExecutionStatus.Failed)
            .Where(x => x.RequestedAt < range.To && (x.FinishedAt ?? now) >= range.From)
            .Where(touches)
            .Select(x => new
            {
                x.Id,
                x.Action,
                x.User,
                Rows = events.Where(e => e.Source == x.Stock && e.OccurredAt >= x.RequestedAt && e.OccurredAt <= (x.FinishedAt ?? now))
                    .Select(e => e.SubjectKey).Distinct().Count(),
                At = events.Where(e => e.Source == x.Stock && e.OccurredAt >= x.RequestedAt && e.OccurredAt <= (x.FinishedAt ?? now))
                    .Min(e => (DateTime?)e.OccurredAt),
            })
            .ToListAsync(cancellationToken);
        return [.. found.Where(x => x.Rows > 0 && x.At is not null).Select(x => new ChartAnnotation(
            "action",
            x.Id,
            DateTime.SpecifyKind(x.At!.Value, DateTimeKind.Utc),
            model.FindAction(x.Action)?.Name ?? x.Action,
            x.User,
            x.Rows,
            string.Create(CultureInfo.InvariantCulture, $"Action '{model.FindAction(x.Action)?.Name ?? x.Action}' by {x.User}, {Rows(x.Rows)}")))];
    }

    private List<AnnotationBucket> Group(IEnumerable<ChartAnnotation> annotations, RangeQuery range) =>
        [.. annotations
            .Where(a => a.At >= range.From && a.At < range.To)
            .GroupBy(a => calendar.BucketStart(a.At, range.Period))
            .OrderBy(g => g.Key)
            .Select(g => new AnnotationBucket(g.Key, g.Sum(a => a.Rows), [.. g.OrderBy(a => a.At).ThenBy(a => a.Kind, StringComparer.Ordinal).ThenBy(a => a.Id)]))];

    private string StockName(string slug) => model.FindStock(slug)?.Name ?? slug;

    private static string Rows(int rows) => rows == 1 ? "1 row" : string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows");
}

/// <summary>
/// One bulk-action execution (<c>kind</c> "action") or decay run ("decay") on a chart: when its first
/// move happened, what it was (the action's or rule's name), who ran it, how many rows it moved out of
/// or into the stock (or along the flow), and the sentence a marker shows.
/// </summary>
public sealed record ChartAnnotation(string Kind, long Id, DateTime At, string What, string By, int Rows, string Text);

/// <summary>The annotations of one bucket, drawn as one marker, with the rows they moved together.</summary>
public sealed record AnnotationBucket(DateTime BucketStart, int Rows, IReadOnlyList<ChartAnnotation> Annotations);
