using StockAndFlow.Counting;
using StockAndFlow.Reading;
using StockAndFlow.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The flows API: every flow's events today, one flow's rates, breakdown by facet, recent events and who moved.</summary>
internal static class FlowsApi
{
    public static RouteGroupBuilder MapFlowsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/flows", GetFlowsAsync);
        api.MapGet("/flows/{slug}/rates", GetRatesAsync);
        api.MapGet("/flows/{slug}/breakdown", GetBreakdownAsync);
        api.MapGet("/flows/{slug}/events", GetEventsAsync);
        api.MapGet("/flows/{slug}/movers", GetMoversAsync);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<FlowSummary>>, FileContentHttpResult>> GetFlowsAsync(
        [AsParameters] TableFormat format, AdminReadModel read, CancellationToken cancellationToken)
    {
        var flows = await read.FlowsAsync(cancellationToken);
        return format.IsCsv
            ? Tabular.Csv("flows.csv", ["slug", "name", "entity", "sources", "sinks", "eventsToday"], flows.Select(f => (IReadOnlyList<object?>)[f.Slug, f.Name, f.Entity, string.Join(' ', f.Sources.Select(s => s ?? "external")), string.Join(' ', f.Sinks.Select(s => s ?? "external")), f.LastPeriod]))
            : TypedResults.Ok(flows);
    }

    private static async Task<Results<Ok<FlowRateSeries>, FileContentHttpResult, ProblemHttpResult>> GetRatesAsync(
        string slug, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, FlowReader flows, CancellationToken cancellationToken)
    {
        if (read.Model.FindFlow(slug) is not { } flow)
        {
            return AdminProblems.NotFound("flow", slug);
        }

        var parsed = RangeQuery.Parse(range, read.Now, read.Calendar);
        var points = await flows.RatesAsync(flow, parsed, cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-rates.csv", ["bucketStart", "events"], points.Select(p => (IReadOnlyList<object?>)[p.BucketStart, p.Value]))
            : TypedResults.Ok(new FlowRateSeries(slug, parsed.Period.ToString().ToLowerInvariant(), read.Calendar.TimeZone.Id, points, await flows.RatesAsync(flow, parsed.Previous(read.Calendar), cancellationToken)));
    }

    private static async Task<Results<Ok<MoverList>, FileContentHttpResult, ProblemHttpResult>> GetMoversAsync(
        string slug, [AsParameters] RangeParameters range, [AsParameters] MembersParameters query, [AsParameters] PageParameters paging, [AsParameters] TableFormat format, AdminReadModel read, MembersReader members, CancellationToken cancellationToken)
    {
        if (read.Model.FindFlow(slug) is not { } flow)
        {
            return AdminProblems.NotFound("flow", slug);
        }

        var parsed = RangeQuery.Parse(range, read.Now, read.Calendar);
        var page = await members.PageAsync(MembersReader.Movers(flow, parsed), MembersRequest.Parse(query, paging), cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-movers.csv", [.. page.Columns.Select(c => c.Name), MemberQuery.MovedAtColumn], page.Rows.Select(r => (IReadOnlyList<object?>)[.. r.Values, r.MovedAt]))
            : TypedResults.Ok(new MoverList(slug, parsed.From, parsed.To, page.Total, page.Page, page.PageSize, page.PageCount, page.Sort, page.Descending, [.. page.Columns.Select(c => c.Name)], page.Rows));
    }

    private static async Task<Results<Ok<FlowBreakdown>, FileContentHttpResult, ProblemHttpResult>> GetBreakdownAsync(
        string slug, [FromQuery] string? facet, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, FlowReader flows, CancellationToken cancellationToken)
    {
        if (read.Model.FindFlow(slug) is not { } flow)
        {
            return AdminProblems.NotFound("flow", slug);
        }

        facet ??= "";
        var facets = flow.StockFacets;
        if (!facets.Any(f => f.Slug == facet))
        {
            throw new AdminBadRequestException("facet", $"Flow '{slug}' has no facet '{facet}'. Known: {string.Join(", ", facets.Select(f => f.Slug))}.");
        }

        var parsed = RangeQuery.Parse(range, read.Now, read.Calendar);
        var values = await flows.BreakdownAsync(flow, facet, parsed, cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-{facet}.csv", ["value", "events"], values.Select(v => (IReadOnlyList<object?>)[v.Value, v.Count]))
            : TypedResults.Ok(new FlowBreakdown(slug, facet, values)
            {
                // The breakdown counts whole days, so the range before is as many days.
                Previous = await flows.BreakdownAsync(flow, facet, (parsed with { Period = Storage.Period.Day }).Previous(read.Calendar), cancellationToken),
            });
    }

    private static async Task<Results<Ok<FlowEventList>, FileContentHttpResult, ProblemHttpResult>> GetEventsAsync(
        string slug, [AsParameters] PageParameters paging, [AsParameters] TableFormat format, AdminReadModel read, FlowReader flows, CancellationToken cancellationToken)
    {
        if (read.Model.FindFlow(slug) is not { } flow)
        {
            return AdminProblems.NotFound("flow", slug);
        }

        var (page, pageSize) = paging.Parse();
        var events = await flows.EventsAsync(flow, page, pageSize, cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-events.csv", ["occurredAt", "subjectType", "subjectKey", "source", "sink"], events.Events.Select(e => (IReadOnlyList<object?>)[e.OccurredAt, e.SubjectType, e.SubjectKey, e.Source, e.Sink]))
            : TypedResults.Ok(new FlowEventList(slug, events.Total, page, pageSize, [.. events.Events.Select(e => new FlowEventRow(e.OccurredAt, e.SubjectType, e.SubjectKey, e.Source, e.Sink))]));
    }
}

/// <summary>A flow's event counts by bucket.</summary>
/// <summary>A flow's rates over a range, and over the range before it (as many buckets) for comparison.</summary>
public sealed record FlowRateSeries(string Flow, string Period, string TimeZone, IReadOnlyList<SeriesPoint> Points, IReadOnlyList<SeriesPoint>? Previous = null);

/// <summary>A flow's events over a range by the value of a facet, and over as many days before it (<see cref="Previous"/>) for comparison.</summary>
public sealed record FlowBreakdown(string Flow, string Facet, IReadOnlyList<FacetValueTotal> Values)
{
    public IReadOnlyList<FacetValueTotal> Previous { get; init; } = [];
}

/// <summary>A page of a flow's events, newest first.</summary>
public sealed record FlowEventList(string Flow, long Total, int Page, int PageSize, IReadOnlyList<FlowEventRow> Events);

/// <summary>A flow event: when, which subject, from where to where.</summary>
public sealed record FlowEventRow(DateTime OccurredAt, string SubjectType, string SubjectKey, string? Source, string? Sink);

/// <summary>A page of a flow's movers from <c>From</c> to <c>To</c> (UTC): its entity's columns and rows, each with its key and <c>movedAt</c>, its latest move in the range.</summary>
public sealed record MoverList(string Flow, DateTime From, DateTime To, long Total, int Page, int PageSize, int PageCount, string Sort, bool Descending, IReadOnlyList<string> Columns, IReadOnlyList<MemberRow> Rows);
