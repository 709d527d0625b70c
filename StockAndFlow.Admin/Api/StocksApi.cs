using StockAndFlow.Reading;
using StockAndFlow.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The stocks API: every stock's count, one stock's facets, its recorded history and its members.</summary>
internal static class StocksApi
{
    public static RouteGroupBuilder MapStocksApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stocks", GetStocksAsync);
        api.MapGet("/stocks/{slug}", GetStockAsync);
        api.MapGet("/stocks/{slug}/records", GetRecordsAsync);
        api.MapGet("/stocks/{slug}/members", GetMembersAsync);
        return api;
    }

    private static readonly string[] SummaryHeader = ["slug", "name", "entity", "count", "previous", "change"];

    private static async Task<Results<Ok<IReadOnlyList<StockSummary>>, FileContentHttpResult>> GetStocksAsync(
        [AsParameters] TableFormat format, AdminReadModel read, CancellationToken cancellationToken)
    {
        var stocks = await read.StocksAsync(cancellationToken);
        return format.IsCsv
            ? Tabular.Csv("stocks.csv", SummaryHeader, stocks.Select(SummaryRow))
            : TypedResults.Ok(stocks);
    }

    private static async Task<Results<Ok<StockDetail>, Ok<FacetBreakdown>, FileContentHttpResult, ProblemHttpResult>> GetStockAsync(
        string slug, [FromQuery] string? facet, [AsParameters] TableFormat format, AdminReadModel read, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return AdminProblems.NotFound("stock", slug);
        }

        var detail = await read.StockAsync(stock, cancellationToken);
        if (string.IsNullOrEmpty(facet))
        {
            return format.IsCsv
                ? Tabular.Csv($"{slug}.csv", SummaryHeader, [SummaryRow(detail.Summary)])
                : TypedResults.Ok(detail);
        }

        var breakdown = detail.Facets.FirstOrDefault(f => f.Slug == facet) ?? throw UnknownFacet(slug, facet);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-{facet}-counts.csv", ["value", "count", "share"], breakdown.Values.Select(v => (IReadOnlyList<object?>)[v.Value, v.Count, Math.Round(v.Share, 6)]))
            : TypedResults.Ok(breakdown);
    }

    private static async Task<Results<Ok<StockRecords>, Ok<StockFacetRecords>, FileContentHttpResult, ProblemHttpResult>> GetRecordsAsync(
        string slug, [FromQuery] string? facet, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, StockReader stocks, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return AdminProblems.NotFound("stock", slug);
        }

        var parsed = RangeQuery.Parse(range, read.Now, read.Calendar);
        var period = parsed.Period.ToString().ToLowerInvariant();
        var zone = read.Calendar.TimeZone.Id;
        if (!string.IsNullOrEmpty(facet))
        {
            var found = stock.Facets.FirstOrDefault(f => f.Slug == facet) ?? throw UnknownFacet(slug, facet);
            var series = await stocks.FacetHistoryAsync(stock, found, parsed, cancellationToken);
            if (format.IsCsv)
            {
                return Tabular.Csv($"{slug}-{facet}.csv", ["value", "bucketStart", "count"], series.SelectMany(s => s.Points.Select(p => (IReadOnlyList<object?>)[s.Value, p.BucketStart, p.Value])));
            }

            // Each value's range before, as many buckets: a value missing from it then had no records.
            var before = parsed.Previous(read.Calendar);
            var previous = (await stocks.FacetHistoryAsync(stock, found, before, cancellationToken)).ToDictionary(s => s.Value ?? "", s => s.Points, StringComparer.Ordinal);
            var empty = read.Calendar.Buckets(before.From, before.To, before.Period).Select(b => new LevelPoint(b, null)).ToList();
            return TypedResults.Ok(new StockFacetRecords(slug, facet, period, zone, [.. series.Select(s => new FacetValueRecords(s.Value, s.Points, previous.GetValueOrDefault(s.Value ?? "", empty)))]));
        }

        var points = await stocks.HistoryAsync(stock, parsed, cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-records.csv", ["bucketStart", "count"], points.Select(p => (IReadOnlyList<object?>)[p.BucketStart, p.Value]))
            : TypedResults.Ok(new StockRecords(slug, period, zone, points, await stocks.HistoryAsync(stock, parsed.Previous(read.Calendar), cancellationToken)));
    }

    private static async Task<Results<Ok<MemberList>, FileContentHttpResult, ProblemHttpResult>> GetMembersAsync(
        string slug, [AsParameters] MembersParameters query, [AsParameters] PageParameters paging, [AsParameters] TableFormat format, AdminReadModel read, StockReader stocks, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return AdminProblems.NotFound("stock", slug);
        }

        var page = await stocks.MembersAsync(stock, MembersRequest.Parse(query, paging), cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-members.csv", [.. page.Columns.Select(c => c.Name)], page.Rows.Select(r => r.Values))
            : TypedResults.Ok(new MemberList(slug, page.Total, page.Page, page.PageSize, page.PageCount, page.Sort, page.Descending, [.. page.Columns.Select(c => c.Name)], page.Rows));
    }

    private static IReadOnlyList<object?> SummaryRow(StockSummary s) => [s.Slug, s.Name, s.Entity, s.Count, s.Previous, s.Change];

    private static AdminBadRequestException UnknownFacet(string slug, string facet) =>
        new("facet", $"Stock '{slug}' has no facet '{facet}'.");
}

/// <summary>A stock's records over a range, and over the range before it (as many buckets) for comparison.</summary>
public sealed record StockRecords(string Stock, string Period, string TimeZone, IReadOnlyList<LevelPoint> Points, IReadOnlyList<LevelPoint>? Previous = null);

/// <summary>A stock's recorded counts by bucket, one series per value of a facet.</summary>
public sealed record StockFacetRecords(string Stock, string Facet, string Period, string TimeZone, IReadOnlyList<FacetValueRecords> Series);

/// <summary>One facet value's recorded counts by bucket, and over the range before (as many buckets) for comparison.</summary>
public sealed record FacetValueRecords(string? Value, IReadOnlyList<LevelPoint> Points, IReadOnlyList<LevelPoint>? Previous = null);

/// <summary>A page of a stock's members: its columns and rows (each with its key).</summary>
public sealed record MemberList(string Stock, long Total, int Page, int PageSize, int PageCount, string Sort, bool Descending, IReadOnlyList<string> Columns, IReadOnlyList<MemberRow> Rows);
