using System.Globalization;
using System.Linq.Expressions;
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
    private const string DecayKind = "decay";
    private const string ActionKind = "action";

    /// <summary>The actions and decay runs whose moves left or entered <paramref name="stock"/>.</summary>
    public Task<IReadOnlyList<AnnotationBucket>> ForStockAsync(Stock stock, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stock);
        var slug = stock.Slug;

        // Stocks whose flows can carry a row into this one: an action on them may have moved rows here.
        var feeders = model.Flows.Where(f => f.Sinks.Contains(stock)).SelectMany(f => f.Sources).Where(s => !s.IsExternal).Select(s => s.Slug).Append(slug).Distinct().ToList();
        return ReadAsync(range, r => r.FromStock == slug || r.ToStock == slug, x => feeders.Contains(x.Stock), e => e.Source == slug || e.Sink == slug, cancellationToken);
    }

    /// <summary>The actions and decay runs whose moves went along <paramref name="flow"/>.</summary>
    public Task<IReadOnlyList<AnnotationBucket>> ForFlowAsync(Flow flow, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var slug = flow.Slug;
        var sources = flow.Sources.Where(s => !s.IsExternal).Select(s => s.Slug).ToList();
        var sinks = flow.Sinks.Where(s => !s.IsExternal).Select(s => s.Slug).ToList();
        return ReadAsync(range, r => sources.Contains(r.FromStock) && sinks.Contains(r.ToStock), x => sources.Contains(x.Stock), e => e.Flow == slug, cancellationToken);
    }

    // Decay runs and executions as one shape (a run's moves go from its stock to its target, an
    // execution's from its stock anywhere), each with its events on the chart counted in the same query.
    private async Task<IReadOnlyList<AnnotationBucket>> ReadAsync(
        RangeQuery range,
        Expression<Func<DecayRun, bool>> runTouches,
        Expression<Func<ActionExecution, bool>> actionTouches,
        Expression<Func<FlowEvent, bool>> relevant,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var db = database.Context;
        var now = time.GetUtcNow().UtcDateTime;
        var events = db.Set<FlowEvent>().Where(relevant);
        var runs = db.Set<DecayRun>()
            .Where(r => r.StartedAt < range.To && r.FinishedAt >= range.From)
            .Where(runTouches)
            .Select(r => new Window { Kind = DecayKind, Id = r.Id, What = r.Rule, By = r.RanBy, Source = r.FromStock, Sink = r.ToStock, Start = r.StartedAt, End = r.FinishedAt });

        // A running execution's moves so far count up to now; a queued or failed one moved nothing.
        var executions = db.Set<ActionExecution>()
            .Where(x => x.Status != ActionExecutionStatus.Queued && x.Status != ActionExecutionStatus.Failed)
            .Where(x => x.RequestedAt < range.To && (x.FinishedAt ?? now) >= range.From)
            .Where(actionTouches)
            .Select(x => new Window { Kind = ActionKind, Id = x.Id, What = x.Action, By = x.User, Source = x.Stock, Sink = null, Start = x.RequestedAt, End = x.FinishedAt ?? now });
        var found = await runs.Concat(executions)
            .Select(w => new
            {
                w.Kind,
                w.Id,
                w.What,
                w.By,
                w.Source,
                w.Sink,
                Rows = events.Where(e => e.Source == w.Source && (w.Sink == null || e.Sink == w.Sink) && e.OccurredAt >= w.Start && e.OccurredAt <= w.End)
                    .Select(e => e.SubjectKey).Distinct().Count(),
                At = events.Where(e => e.Source == w.Source && (w.Sink == null || e.Sink == w.Sink) && e.OccurredAt >= w.Start && e.OccurredAt <= w.End)
                    .Min(e => (DateTime?)e.OccurredAt),
            })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var annotations = found.Where(w => w.Rows > 0 && w.At is not null).Select(w =>
        {
            var what = w.Kind == DecayKind ? model.FindDecayRule(w.What)?.Name ?? w.What : model.FindAction(w.What)?.Name ?? w.What;
            var text = w.Kind == DecayKind
                ? $"Decay: {StockName(w.Source)} → {StockName(w.Sink!)}, {Rows(w.Rows)}, {w.By}"
                : $"Action '{what}' by {w.By}, {Rows(w.Rows)}";
            return new ChartAnnotation(w.Kind, w.Id, DateTime.SpecifyKind(w.At!.Value, DateTimeKind.Utc), what, w.By, w.Rows, text);
        });
        return Group(annotations, range);
    }

    private List<AnnotationBucket> Group(IEnumerable<ChartAnnotation> annotations, RangeQuery range) =>
        [.. annotations
            .Where(a => a.At >= range.From && a.At < range.To)
            .GroupBy(a => calendar.BucketStart(a.At, range.Period))
            .OrderBy(g => g.Key)
            .Select(g => new AnnotationBucket(g.Key, g.Sum(a => a.Rows), [.. g.OrderBy(a => a.At).ThenBy(a => a.Kind, StringComparer.Ordinal).ThenBy(a => a.Id)]))];

    private string StockName(string slug) => model.FindStock(slug)?.Name ?? slug;

    private sealed class Window
    {
        public string Kind { get; init; } = "";

        public long Id { get; init; }

        public string What { get; init; } = "";

        public string By { get; init; } = "";

        public string Source { get; init; } = "";

        public string? Sink { get; init; }

        public DateTime Start { get; init; }

        public DateTime End { get; init; }
    }

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
