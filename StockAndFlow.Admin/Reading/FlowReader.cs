using StockAndFlow.Reading;
using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Admin.Api;
using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Reading;

/// <summary>A flow's rates, breakdowns and recent events, for its page and the flow API.</summary>
public sealed class FlowReader(FlowRates rates, AdminDatabase database)
{
    /// <summary>The flow's event counts by bucket over <paramref name="range"/>.</summary>
    public Task<IReadOnlyList<SeriesPoint>> RatesAsync(Flow flow, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return rates.ReadAsync(database.Context, flow, range.From, range.To, range.Period, cancellationToken);
    }

    /// <summary>The flow's events over <paramref name="range"/> by the current value of <paramref name="facet"/>.</summary>
    public Task<IReadOnlyList<FacetValueTotal>> BreakdownAsync(Flow flow, string facet, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return rates.BreakdownAsync(database.Context, flow, facet, range.From, range.To, cancellationToken);
    }

    /// <summary>A page of the flow's events, newest first, and how many it has in all.</summary>
    public async Task<FlowEventPage> EventsAsync(Flow flow, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var events = database.Context.Set<FlowEvent>().AsNoTracking().Where(e => e.Flow == flow.Slug);
        var total = await events.LongCountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new FlowEventPage(rows, total);
    }
}

/// <summary>A page of a flow's events, newest first.</summary>
public sealed record FlowEventPage(IReadOnlyList<FlowEvent> Events, long Total);
