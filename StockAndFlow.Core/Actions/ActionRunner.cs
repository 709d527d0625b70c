using StockAndFlow.Moves;
using StockAndFlow.Reading;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;

namespace StockAndFlow.Actions;

/// <summary>
/// Applies an action to the members of a stock selected by a filter. Set-based actions go through the
/// transition primitive (one transaction, one flow event per moved row); per-row actions load the rows
/// in batches and save each batch through SaveChanges, so capture records their moves.
/// </summary>
public sealed class ActionRunner(Transitions transitions, TimeProvider time, IServiceScopeFactory scopes)
{
    private const int RowsPerBatch = 500;

    private static readonly MethodInfo SetBasedMethod = typeof(ActionRunner).GetMethod(nameof(SetBasedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo PerRowMethod = typeof(ActionRunner).GetMethod(nameof(PerRowAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>How many members the action would apply to.</summary>
    public async Task<int> CountAsync(DbContext db, Stock stock, MemberSelection filter, CancellationToken cancellationToken = default)
    {
        var page = await MemberQuery.PageAsync(db, stock, filter, sort: null, descending: false, page: 1, pageSize: 1, cancellationToken);
        return (int)page.Total;
    }

    /// <summary>Runs the action; <paramref name="progress"/> gets (processed, selected) as it goes.</summary>
    public Task<TransitionResult> ExecuteAsync(DbContext db, StockAction action, Stock stock, MemberSelection filter, Func<int, int, Task>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!action.Stocks.Contains(stock))
        {
            throw new MemberQueryException($"Action '{action.Slug}' is not offered on stock '{stock.Slug}'.");
        }

        var method = (action.IsSetBased ? SetBasedMethod : PerRowMethod).MakeGenericMethod(action.EntityType);
        return (Task<TransitionResult>)method.Invoke(this, [db, action, stock, filter, progress, cancellationToken])!;
    }

    private Task<TransitionResult> SetBasedAsync<T>(DbContext db, StockAction action, Stock stock, MemberSelection filter, Func<int, int, Task>? progress, CancellationToken cancellationToken)
        where T : class
    {
        var typed = (StockAction<T>)action;
        var now = time.GetUtcNow().UtcDateTime;
        return transitions.ApplyAsync(db, (Stock<T>)stock, MemberQuery.Selection<T>(db, stock, filter), s => typed.Setters!(s, now), sinks: null, progress, cancellationToken);
    }

    private async Task<TransitionResult> PerRowAsync<T>(DbContext db, StockAction action, Stock stock, MemberSelection filter, Func<int, int, Task>? progress, CancellationToken cancellationToken)
        where T : class
    {
        var typed = (StockAction<T>)action;
        var predicate = ((Stock<T>)stock).TypedPredicate;
        var keyName = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties[0].Name;
        var keys = await db.Set<T>().AsNoTracking().Where(predicate).Where(MemberQuery.Selection<T>(db, stock, filter))
            .Select(e => EF.Property<object>(e, keyName)).ToListAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var processed = 0;
        var left = 0;
        foreach (var chunk in keys.Chunk(RowsPerBatch))
        {
            var batch = new MemberSelection(Keys: [.. chunk.Select(Storage.SubjectKey.Format)]);
            var rows = await db.Set<T>().Where(predicate).Where(MemberQuery.Selection<T>(db, stock, batch)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                await typed.PerRow!(row, scope.ServiceProvider, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            left += await db.Set<T>().Where(MemberQuery.Selection<T>(db, stock, batch)).CountAsync(predicate.Not(), cancellationToken);
            db.ChangeTracker.Clear();
            processed += chunk.Length;
            if (progress is not null)
            {
                await progress(processed, keys.Count);
            }
        }

        return new TransitionResult(keys.Count, left);
    }
}
