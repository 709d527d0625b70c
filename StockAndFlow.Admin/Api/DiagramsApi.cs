using Microsoft.AspNetCore.Http.HttpResults;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The numbers of the live stock-and-flow diagrams, per process and per entity type.</summary>
internal static class DiagramsApi
{
    public static RouteGroupBuilder MapDiagramsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/processes/{slug}/diagram", GetProcessAsync);
        api.MapGet("/types/{entity}/diagram", GetEntityAsync);
        return api;
    }

    private static async Task<Results<Ok<Diagram>, FileContentHttpResult, ProblemHttpResult>> GetProcessAsync(
        string slug, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, DiagramReader diagrams, CancellationToken cancellationToken)
    {
        if (read.Model.FindProcess(slug) is not { } process)
        {
            return AdminProblems.NotFound("process", slug);
        }

        return Answer(slug, await diagrams.ProcessAsync(process, RangeQuery.Parse(range, read.Now, read.Calendar), cancellationToken), format);
    }

    private static async Task<Results<Ok<Diagram>, FileContentHttpResult, ProblemHttpResult>> GetEntityAsync(
        string entity, [AsParameters] RangeParameters range, [AsParameters] TableFormat format, AdminReadModel read, MovementsReader movements, DiagramReader diagrams, CancellationToken cancellationToken)
    {
        if (movements.FindEntity(entity) is not { } type)
        {
            return AdminProblems.NotFound("entity type", entity);
        }

        return Answer(entity, await diagrams.EntityAsync(type, RangeQuery.Parse(range, read.Now, read.Calendar), cancellationToken), format);
    }

    private static Results<Ok<Diagram>, FileContentHttpResult, ProblemHttpResult> Answer(string name, Diagram diagram, TableFormat format) =>
        format.IsCsv
            ? Tabular.Csv($"{name}-diagram.csv", ["flow", "source", "sink", "events"], diagram.Flows.SelectMany(f => f.Moves.Select(m => (IReadOnlyList<object?>)[f.Slug, m.Source ?? "external", m.Sink ?? "external", m.Count])))
            : TypedResults.Ok(diagram);
}
