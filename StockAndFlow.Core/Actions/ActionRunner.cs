using StockAndFlow.Moves;
using StockAndFlow.Reading;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;

namespace StockAndFlow.Actions;

/// <summary>
/// Applies an action to the members of a stock selected by a filter, or to the movers of a flow
/// (<see cref="MemberSource"/>): each mover that is a member of one of the action's stocks gets the
/// action as a member of that stock, the others are left as they are. Set-based actions go through the
/// transition primitive (one transaction, one flow event per moved row); per-row actions load the rows
/// in batches and save each batch through SaveChanges, so capture records their moves.
/// </summary>
public sealed class ActionRunner(Transitions transitions, TimeProvider time, IServiceScopeFactory scopes)
{
    private const int RowsPerBatch = 500;

    private static readonly MethodInfo SetBasedMethod = typeof(ActionRunner).GetMethod(nameof(SetBasedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo PlanMethod = typeof(ActionRunner).GetMethod(nameof(PlanAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo PerRowMethod = typeof(ActionRunner).GetMethod(nameof(PerRowAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>How many members the action would apply to.</summary>
    public async Task<int> CountAsync(DbContext db, Stock stock, MemberSelection filter, CancellationToken cancellationToken = default)
    {
        var page = await MemberQuery.PageAsync(db, stock, filter, sort: null, descending: false, page: 1, pageSize: 1, cancellationToken);
        return (int)page.Total;
    }

    /// <summary>How many rows of <paramref name="source"/> the action would apply to: for movers, those in one of its stocks.</summary>
    public async Task<int> CountAsync(DbContext db, StockAction action, MemberSource source, MemberSelection filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(source);
        if (source.Stock is { } stock)
        {
            return await CountAsync(db, stock, filter, cancellationToken);
        }

        var plan = await (Task<List<(Stock Stock, List<string> Keys)>>)PlanMethod.MakeGenericMethod(action.EntityType).Invoke(null, [db, action, source, filter, cancellationToken])!;
        return plan.Sum(p => p.Keys.Count);
    }

    /// <summary>Runs the action on the rows of <paramref name="source"/>; <paramref name="progress"/> gets (processed, selected) as it goes.</summary>
    public async Task<TransitionResult> ExecuteAsync(DbContext db, StockAction action, MemberSource source, MemberSelection filter, Func<int, int, Task>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(source);
        if (source.Stock is { } stock)
        {
            return await ExecuteAsync(db, action, stock, filter, progress, cancellationToken);
        }

        if (action.EntityType != source.EntityType)
        {
            throw new MemberQueryException($"Action '{action.Slug}' applies to {action.EntityType.Name} rows, not to the movers of '{source.Flow!.Slug}'.");
        }

        // The rows are resolved now, from the scope and filter, and split by the action's stock each is in.
        var plan = await (Task<List<(Stock Stock, List<string> Keys)>>)PlanMethod.MakeGenericMethod(action.EntityType).Invoke(null, [db, action, source, filter, cancellationToken])!;
        var total = plan.Sum(p => p.Keys.Count);
        // A set-based action changes every mover or none, as it does a stock's members.
        await using var transaction = action.IsSetBased && db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            : null;
        var (done, selected, moved) = (0, 0, 0);
        foreach (var (from, keys) in plan)
        {
            var before = done;
            var result = await ExecuteAsync(db, action, from, new MemberSelection(Keys: keys), progress is null ? null : (p, _) => progress(before + p, total), cancellationToken);
            (done, selected, moved) = (done + keys.Count, selected + result.Selected, moved + result.Moved);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new TransitionResult(selected, moved);
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

    // Each mover matching the filter goes to the first of the action's stocks it is a member of.
    private static async Task<List<(Stock Stock, List<string> Keys)>> PlanAsync<T>(DbContext db, StockAction action, MemberSource source, MemberSelection filter, CancellationToken cancellationToken)
        where T : class
    {
        var (rows, _) = await source.ResolveAsync<T>(db, cancellationToken);
        var keyName = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties[0].Name;
        var matching = db.Set<T>().AsNoTracking().Where(rows).Where(MemberQuery.Selection<T>(db, source, filter));
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var plan = new List<(Stock Stock, List<string> Keys)>();
        foreach (var stock in action.Stocks)
        {
            var keys = await matching.Where(((Stock<T>)stock).TypedPredicate).Select(e => EF.Property<object>(e, keyName)).ToListAsync(cancellationToken);
            var mine = keys.Select(Storage.SubjectKey.Format).Where(taken.Add).ToList();
            if (mine.Count > 0)
            {
                plan.Add((stock, mine));
            }
        }

        return plan;
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
