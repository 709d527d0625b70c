using Microsoft.AspNetCore.Http.HttpResults;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The annotations API: the bulk actions and decay runs a stock's or a flow's chart marks, by bucket.</summary>
internal static class AnnotationsApi
{
    private static readonly string[] Header = ["bucketStart", "at", "kind", "id", "what", "by", "rows", "text"];

    public static RouteGroupBuilder MapAnnotationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stocks/{slug}/annotations", GetStockAnnotationsAsync);
        api.MapGet("/flows/{slug}/annotations", GetFlowAnnotationsAsync);
        return api;
    }

    private static async Task<Results<Ok<ChartAnnotations>, FileContentHttpResult, ProblemHttpResult>> GetStockAnnotationsAsync(
        string slug, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, AnnotationsReader annotations, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return AdminProblems.NotFound("stock", slug);
        }

        var parsed = RangeQuery.Parse(range, read.Now, read.Calendar);
        return Answer($"{slug}-annotations.csv", "stock", slug, parsed, read, await annotations.ForStockAsync(stock, parsed, cancellationToken), format);
    }

    private static async Task<Results<Ok<ChartAnnotations>, FileContentHttpResult, ProblemHttpResult>> GetFlowAnnotationsAsync(
        string slug, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, AnnotationsReader annotations, CancellationToken cancellationToken)
    {
        if (read.Model.FindFlow(slug) is not { } flow)
        {
            return AdminProblems.NotFound("flow", slug);
        }

        var parsed = RangeQuery.Parse(range, read.Now, read.Calendar);
        return Answer($"{slug}-annotations.csv", "flow", slug, parsed, read, await annotations.ForFlowAsync(flow, parsed, cancellationToken), format);
    }

    private static Results<Ok<ChartAnnotations>, FileContentHttpResult, ProblemHttpResult> Answer(
        string file, string kind, string slug, RangeQuery range, AdminReadModel read, IReadOnlyList<AnnotationBucket> buckets, TableFormat format) =>
        format.IsCsv
            ? Tabular.Csv(file, Header, buckets.SelectMany(b => b.Annotations.Select(a => (IReadOnlyList<object?>)[b.BucketStart, a.At, a.Kind, a.Id, a.What, a.By, a.Rows, a.Text])))
            : TypedResults.Ok(new ChartAnnotations(kind, slug, range.Period.ToString().ToLowerInvariant(), read.Calendar.TimeZone.Id, buckets));
}

/// <summary>A stock's or a flow's chart annotations over a range: one entry per bucket with any.</summary>
public sealed record ChartAnnotations(string Target, string Slug, string Period, string TimeZone, IReadOnlyList<AnnotationBucket> Buckets);
