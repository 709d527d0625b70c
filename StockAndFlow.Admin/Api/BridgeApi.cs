using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The bridge API: a stock's (or one facet value's) last bridge, the bars of its waterfall.</summary>
internal static class BridgeApi
{
    public static RouteGroupBuilder MapBridgeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stocks/{slug}/bridge", GetBridgeAsync);
        return api;
    }

    private static async Task<Results<Ok<StockBridge>, FileContentHttpResult, ProblemHttpResult>> GetBridgeAsync(
        string slug, [FromQuery] string? facet, [FromQuery] string? value, [FromQuery(Name = "null")] string? isNull, [AsParameters] TableFormat format,
        AdminReadModel read, BridgeReader bridges, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return AdminProblems.NotFound("stock", slug);
        }

        if (!string.IsNullOrEmpty(facet) && stock.Facets.All(f => f.Slug != facet))
        {
            throw new AdminBadRequestException("facet", $"Stock '{slug}' has no facet '{facet}'.");
        }

        var facetSlug = string.IsNullOrEmpty(facet) ? null : facet;
        var bridge = await bridges.LastAsync(stock, facetSlug, isNull == "1" ? null : value ?? "", cancellationToken)
            ?? new StockBridge(slug, facetSlug, value, null, read.Now, 0, []);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-bridge.csv", ["term", "flow", "label", "amount", "start", "end"], bridge.Bars.Select(b => (IReadOnlyList<object?>)[b.Term, b.Flow, b.Label, b.Amount, b.Start, b.End]))
            : TypedResults.Ok(bridge);
    }
}
