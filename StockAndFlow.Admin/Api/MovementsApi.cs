using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The movements API: an entity type's transition matrix and dwell times, a stock's cohorts.</summary>
internal static class MovementsApi
{
    public static RouteGroupBuilder MapMovementsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/types/{entity}/transitions", GetTransitionsAsync);
        api.MapGet("/types/{entity}/dwell", GetDwellAsync);
        api.MapGet("/types/{entity}/ages", GetAgesAsync);
        api.MapGet("/stocks/{slug}/cohorts", GetCohortsAsync);
        api.MapGet("/stocks/{slug}/projection", GetProjectionAsync);
        return api;
    }

    private static async Task<Results<Ok<TransitionMatrix>, FileContentHttpResult, ProblemHttpResult>> GetTransitionsAsync(
        string entity, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, MovementsReader movements, CancellationToken cancellationToken)
    {
        if (movements.FindEntity(entity) is not { } type)
        {
            return AdminProblems.NotFound("entity type", entity);
        }

        var parsed = RangeQuery.Parse(range, read.Now, read.Calendar);
        var moves = await movements.TransitionsAsync(type, parsed, cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{entity}-transitions.csv", ["source", "sink", "count", "share"], moves.Select(m => (IReadOnlyList<object?>)[m.Source ?? "external", m.Sink ?? "external", m.Count, Math.Round(m.Share, 6)]))
            : TypedResults.Ok(new TransitionMatrix(entity, parsed.From, parsed.To, moves) { Previous = await movements.TransitionsAsync(type, parsed.Previous(read.Calendar), cancellationToken) });
    }

    private static async Task<Results<Ok<DwellTimes>, FileContentHttpResult, ProblemHttpResult>> GetDwellAsync(
        string entity, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, MovementsReader movements, CancellationToken cancellationToken)
    {
        if (movements.FindEntity(entity) is not { } type)
        {
            return AdminProblems.NotFound("entity type", entity);
        }

        var parsed = RangeQuery.Parse(range, read.Now, read.Calendar);
        var rows = (await movements.DwellTimesAsync(type, parsed, cancellationToken)).Select(DwellRow.Of).ToList();
        return format.IsCsv
            ? Tabular.Csv($"{entity}-dwell.csv", ["stock", "leaves", "medianDays", "p90Days"], rows.Select(r => (IReadOnlyList<object?>)[r.Stock, r.Leaves, r.MedianDays, r.Percentile90Days]))
            : TypedResults.Ok(new DwellTimes(entity, parsed.From, parsed.To, rows) { Previous = [.. (await movements.DwellTimesAsync(type, parsed.Previous(read.Calendar), cancellationToken)).Select(DwellRow.Of)] });
    }

    private static async Task<Results<Ok<MemberAgeTable>, FileContentHttpResult, ProblemHttpResult>> GetAgesAsync(
        string entity, [AsParameters] TableFormat format, MovementsReader movements, CancellationToken cancellationToken)
    {
        if (movements.FindEntity(entity) is not { } type)
        {
            return AdminProblems.NotFound("entity type", entity);
        }

        var ages = await movements.MemberAgesAsync(type, cancellationToken);
        var bands = Movements.AgeBands.Select(b => b.Label).ToList();
        return format.IsCsv
            ? Tabular.Csv($"{entity}-ages.csv", ["stock", "band", "members"], ages.SelectMany(a => a.Counts.Select((c, i) => (IReadOnlyList<object?>)[a.Stock, bands[i], c])))
            : TypedResults.Ok(new MemberAgeTable(entity, bands, ages));
    }

    private static async Task<Results<Ok<CohortTable>, FileContentHttpResult, ProblemHttpResult>> GetCohortsAsync(
        string slug, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, MovementsReader movements, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return AdminProblems.NotFound("stock", slug);
        }

        var parsed = RangeQuery.Parse(range with { Range = range.Range ?? (range.From is null ? "90d" : null) }, read.Now, read.Calendar, Storage.Period.Week);
        var cohorts = await movements.CohortsAsync(stock, parsed, cancellationToken);
        var period = parsed.Period is Storage.Period.Month ? "month" : "week";
        return format.IsCsv
            ? Tabular.Csv($"{slug}-cohorts.csv", ["cohort", "entered", "periodsLater", "stock", "share"], cohorts.SelectMany(c => c.Later.SelectMany((shares, i) => shares.Select(s => (IReadOnlyList<object?>)[c.BucketStart, c.Entered, (i + 1).ToString(CultureInfo.InvariantCulture), s.Key.Length == 0 ? "external" : s.Key, Math.Round(s.Value, 6)]))))
            : TypedResults.Ok(new CohortTable(slug, period, read.Calendar.TimeZone.Id, cohorts));
    }

    private static async Task<Results<Ok<StockProjectionResult>, FileContentHttpResult, ProblemHttpResult>> GetProjectionAsync(
        string slug, [AsParameters] RangeParameters range, [AsParameters] ProjectionParameters projection, [AsParameters] TableFormat format,
        AdminReadModel read, ProjectionReader projections, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return AdminProblems.NotFound("stock", slug);
        }

        var parsed = RangeQuery.Parse(range with { Range = range.Range ?? (range.From is null ? "90d" : null) }, read.Now, read.Calendar, Storage.Period.Week);
        var result = await projections.ProjectAsync(stock, parsed, projection.Parse(stock, read.Model), cancellationToken);
        return format.IsCsv
            ? Tabular.Csv($"{slug}-projection.csv", ["bucketStart", "expected", "low", "high"], result.Points.Select(p => (IReadOnlyList<object?>)[p.BucketStart, Math.Round(p.Expected, 2), Math.Round(p.Low, 2), Math.Round(p.High, 2)]))
            : TypedResults.Ok(result);
    }
}
