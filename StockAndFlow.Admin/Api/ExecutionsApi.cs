using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using StockAndFlow.Actions;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Api;

/// <summary>The executions API: the audit log of bulk actions, and one execution with its live progress.</summary>
internal static class ExecutionsApi
{
    public static RouteGroupBuilder MapExecutionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/executions", GetExecutionsAsync);
        api.MapGet("/executions/{id:long}", GetExecutionAsync);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<ExecutionRow>>, FileContentHttpResult>> GetExecutionsAsync(
        [AsParameters] PageParameters paging, [AsParameters] TableFormat format, ExecutionsReader log, CancellationToken cancellationToken)
    {
        var (page, pageSize) = paging.Parse();
        var rows = await log.PageAsync(page, pageSize, cancellationToken);
        return format.IsCsv
            ? Tabular.Csv("audit-log.csv", ["id", "requestedAt", "user", "action", "stock", "selection", "status", "selected", "affected", "finishedAt", "error"], rows.Select(e => (IReadOnlyList<object?>)[e.Id, e.RequestedAt, e.User, e.Action, e.Stock, e.Filter, e.Status.ToString(), e.Selected, e.Affected, e.FinishedAt, e.Error]))
            : TypedResults.Ok<IReadOnlyList<ExecutionRow>>([.. rows.Select(e => new ExecutionRow(e.Id, e.RequestedAt, e.User, e.Action, e.Stock, e.Filter, e.Status.ToString(), e.Selected, e.Affected, e.FinishedAt, e.Error))]);
    }

    private static async Task<Results<Ok<ExecutionProgress>, ProblemHttpResult>> GetExecutionAsync(
        long id, ExecutionsReader log, ActionProgress progress, CancellationToken cancellationToken)
    {
        if (await log.FindAsync(id, cancellationToken) is not { } execution)
        {
            return AdminProblems.NotFound("execution", id.ToString(CultureInfo.InvariantCulture));
        }

        var live = progress.Of(id);
        return TypedResults.Ok(new ExecutionProgress(
            execution.Id,
            execution.Action,
            execution.Stock,
            execution.Status.ToString(),
            live?.Selected ?? execution.Selected,
            live?.Processed ?? execution.Processed,
            execution.Affected,
            execution.Error,
            execution.RequestedAt,
            execution.FinishedAt));
    }
}

/// <summary>An audit log row: who asked for which action on which selection, and its outcome.</summary>
public sealed record ExecutionRow(long Id, DateTime RequestedAt, string User, string Action, string Stock, string Selection, string Status, int Selected, int Affected, DateTime? FinishedAt, string? Error);

/// <summary>One execution with its progress (live while it runs on this server).</summary>
public sealed record ExecutionProgress(long Id, string Action, string Stock, string Status, int Selected, int Processed, int Affected, string? Error, DateTime RequestedAt, DateTime? FinishedAt);
