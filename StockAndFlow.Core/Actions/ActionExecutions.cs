using StockAndFlow.Reading;
using StockAndFlow.Storage;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;

namespace StockAndFlow.Actions;

/// <summary>
/// Runs actions with an audit trail: every execution is an <see cref="ActionExecution"/> row (who,
/// when, action, stock, selection, rows affected); a large selection runs as a background job whose
/// progress (<see cref="ActionProgress"/>) can be polled.
/// </summary>
public sealed partial class ActionExecutions(
    StockAndFlowModel model,
    ActionRunner runner,
    IServiceScopeFactory scopes,
    ActionProgress progress,
    TimeProvider time,
    ILogger<ActionExecutions> logger)
{
    /// <summary>Selections larger than this run as a background job.</summary>
    public const int InlineLimit = 1000;

    /// <summary>Records a requested execution (status Queued) and returns its id.</summary>
    public Task<long> RequestAsync(DbContext db, StockAction action, Stock stock, MemberSelection selection, string user, CancellationToken cancellationToken = default) =>
        RequestAsync(db, action, MemberSource.Members(stock), selection, user, cancellationToken);

    /// <summary>
    /// Records a requested execution on the rows of <paramref name="source"/> (status Queued) and returns
    /// its id. For a flow's movers the execution's <see cref="ActionExecution.Stock"/> holds the flow's
    /// slug and its selection the scope (<see cref="MemberSelection.Movers"/>), resolved again when it runs.
    /// </summary>
    public async Task<long> RequestAsync(DbContext db, StockAction action, MemberSource source, MemberSelection selection, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selection);
        selection = selection with { Movers = source.Movers };
        var row = new ActionExecution
        {
            Action = action.Slug,
            Stock = source.Stock?.Slug ?? source.Flow!.Slug,
            Filter = selection.Describe(),
            FilterJson = JsonSerializer.Serialize(selection),
            User = user,
            Status = ActionExecutionStatus.Queued,
            RequestedAt = time.GetUtcNow().UtcDateTime,
            Owner = ProcessOwner.Current,
        };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        return row.Id;
    }

    /// <summary>Runs a requested execution to the end, recording progress and the outcome.</summary>
    public async Task<ActionExecution> RunAsync(long executionId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateStockAndFlowScope();
        var db = scope.Db;
        var execution = await db.Set<ActionExecution>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == executionId, cancellationToken)
            ?? throw new InvalidOperationException($"Action execution {executionId} does not exist.");
        if (execution.Status is ActionExecutionStatus.Succeeded or ActionExecutionStatus.Failed)
        {
            // A retried job must not apply the action twice.
            return execution;
        }

        var action = model.FindAction(execution.Action);
        var selection = JsonSerializer.Deserialize<MemberSelection>(execution.FilterJson) ?? MemberSelection.None;
        var source = selection.Movers is { } movers
            ? model.FindFlow(movers.Flow) is { } flow ? MemberSource.MoversOf(flow, movers) : null
            : model.FindStock(execution.Stock) is { } stock ? MemberSource.Members(stock) : null;
        if (action is null || source is null)
        {
            var what = selection.Movers is null ? "stock" : "flow";
            return await FinishAsync(executionId, ActionExecutionStatus.Failed, 0, 0, $"Action '{execution.Action}' or {what} '{execution.Stock}' is no longer defined.", cancellationToken);
        }

        await UpdateAsync(
            executionId,
            s => s.SetProperty(e => e.Status, ActionExecutionStatus.Running).SetProperty(e => e.Owner, ProcessOwner.Current).SetProperty(e => e.Processed, 0),
            cancellationToken);
        var committed = 0;
        try
        {
            var result = await runner.ExecuteAsync(db, action, source, selection, async (processed, selected) =>
            {
                progress.Report(executionId, processed, selected);
                if (!action.IsSetBased)
                {
                    // A per-row batch reports after its commit: store it, so an interrupted run says
                    // how many rows it changed. A set-based run commits once, at its end.
                    committed = processed;
                    await UpdateAsync(executionId, s => s.SetProperty(e => e.Processed, processed).SetProperty(e => e.Selected, selected), cancellationToken);
                }
            }, cancellationToken);
            LogRan(logger, action.Slug, execution.Stock, execution.User, result.Selected, result.Moved);
            return await FinishAsync(executionId, ActionExecutionStatus.Succeeded, result.Selected, result.Selected, null, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The worker is stopping (shutdown, job cancelled): say so instead of staying Running.
            await InterruptAsync(executionId, Interruption(committed), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, action.Slug, execution.Stock);
            return await FinishAsync(executionId, ActionExecutionStatus.Failed, 0, 0, ex.Message, cancellationToken);
        }
        finally
        {
            progress.Finish(executionId);
        }
    }

    /// <summary>
    /// Marks as <see cref="ActionExecutionStatus.Interrupted"/> every queued or running execution whose
    /// owner was a process of this machine that no longer runs (or that names no owner: recorded before
    /// owners were), with the rows it committed. Runs at start-up; returns how many it marked.
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateStockAndFlowScope();
        var db = scope.Db;
        var open = await db.Set<ActionExecution>().AsNoTracking()
            .Where(e => e.Status == ActionExecutionStatus.Queued || e.Status == ActionExecutionStatus.Running)
            .Select(e => new { e.Id, e.Status, e.Processed, e.Owner, e.Action })
            .ToListAsync(cancellationToken);
        var left = open.Where(e => e.Owner is null || ProcessOwner.IsGoneFromThisMachine(e.Owner)).ToList();
        foreach (var execution in left)
        {
            var what = execution.Status == ActionExecutionStatus.Queued
                ? "Interrupted: the process that queued it stopped before its job started. No row was changed."
                : Interruption(execution.Processed);
            await InterruptAsync(execution.Id, what, cancellationToken);
            LogInterrupted(logger, execution.Id, execution.Action, what);
        }

        return left.Count;
    }

    private static string Interruption(int committed) =>
        $"Interrupted: the process running it stopped. {committed} rows were committed before it stopped; the others were not changed.";

    private Task InterruptAsync(long id, string what, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return UpdateAsync(
            id,
            s => s.SetProperty(e => e.Status, ActionExecutionStatus.Interrupted).SetProperty(e => e.FinishedAt, now)
                .SetProperty(e => e.Affected, e => e.Processed).SetProperty(e => e.Error, what),
            cancellationToken);
    }

    private async Task UpdateAsync(long id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ActionExecution>> setters, CancellationToken cancellationToken)
    {
        // Its own scope and connection, so progress is visible while the action's transaction is open.
        await using var scope = scopes.CreateStockAndFlowScope();
        var db = scope.Db;
        await db.Set<ActionExecution>().Where(e => e.Id == id).ExecuteUpdateAsync(setters, cancellationToken);
    }

    private async Task<ActionExecution> FinishAsync(long id, ActionExecutionStatus status, int selected, int affected, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await UpdateAsync(
            id,
            s => s.SetProperty(e => e.Status, status).SetProperty(e => e.FinishedAt, now).SetProperty(e => e.Selected, selected)
                .SetProperty(e => e.Processed, selected).SetProperty(e => e.Affected, affected).SetProperty(e => e.Error, error),
            cancellationToken);
        await using var scope = scopes.CreateStockAndFlowScope();
        var db = scope.Db;
        return await db.Set<ActionExecution>().AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action '{Action}' on '{Stock}' by {User}: {Selected} selected, {Moved} moved to another stock.")]
    private static partial void LogRan(ILogger logger, string action, string stock, string user, int selected, int moved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action execution {Id} ('{Action}') marked interrupted: {What}")]
    private static partial void LogInterrupted(ILogger logger, long id, string action, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "Action '{Action}' on '{Stock}' failed; nothing was changed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string action, string stock);
}
