using System.Data;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using StockAndFlow.Capture;
using StockAndFlow.Data;
using StockAndFlow.Definitions;
using StockAndFlow.Records;

namespace StockAndFlow.Decay;

/// <summary>
/// The one primitive that moves a selected set of rows from one stock to another: select the keys,
/// update them with a set-based UPDATE that re-checks the selection, and insert a flow event for each
/// row that arrived — all in one transaction. Decay uses it; bulk actions use it. Rows that stop
/// matching the selection before the update runs are not moved and get no event.
/// </summary>
public sealed class Transitions(StockAndFlowModel model, TimeProvider time)
{
    private const int KeysPerStatement = 500;
    private const int Attempts = 3;

    private static readonly MethodInfo MoveMethod = typeof(Transitions).GetMethod(nameof(MoveCoreAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>
    /// Moves the members of <paramref name="from"/> matching <paramref name="selection"/> with
    /// <paramref name="setters"/>, recording the flow that goes from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public async Task<TransitionResult> MoveAsync<T>(
        DbContext db,
        Stock<T> from,
        Stock<T> to,
        Expression<Func<T, bool>> selection,
        Action<UpdateSettersBuilder<T>> setters,
        CancellationToken cancellationToken = default)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{db.GetType().Name} does not map {typeof(T).Name}.");
        var key = entityType.FindPrimaryKey()!;
        if (key.Properties.Count != 1)
        {
            throw new NotSupportedException($"Set-based moves need a single-column key; {typeof(T).Name} has {key.Properties.Count}.");
        }

        var flowsOfType = model.Flows.Where(f => f.EntityType == typeof(T)).ToList();
        var match = FlowMatcher.Match(flowsOfType, new HashSet<Stock> { from }, new HashSet<Stock> { to }).FirstOrDefault();
        var method = MoveMethod.MakeGenericMethod(typeof(T), key.Properties[0].ClrType);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await (Task<TransitionResult>)method.Invoke(this, [db, from, to, selection, setters, key.Properties[0].Name, match, cancellationToken])!;
            }
            catch (Exception ex) when (attempt < Attempts && IsSerializationFailure(ex))
            {
                // Another writer changed a selected row after we read it: start over from a fresh read.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<TransitionResult> MoveCoreAsync<T, TKey>(
        DbContext db,
        Stock<T> from,
        Stock<T> to,
        Expression<Func<T, bool>> selection,
        Action<UpdateSettersBuilder<T>> setters,
        string keyName,
        (Flow Flow, Stock Source, Stock Sink) match,
        CancellationToken cancellationToken)
        where T : class
    {
        var ownsTransaction = db.Database.CurrentTransaction is null;
        var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken) : null;
        try
        {
            var candidates = db.Set<T>().Where(from.TypedPredicate).Where(selection);
            var keys = await candidates.Select(e => EF.Property<TKey>(e, keyName)).ToListAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var moved = 0;
            foreach (var chunk in keys.Chunk(KeysPerStatement))
            {
                var inChunk = InKeys<T, TKey>(chunk, keyName);
                await candidates.Where(inChunk).ExecuteUpdateAsync(setters, cancellationToken);
                var arrived = await db.Set<T>().Where(inChunk).Where(to.TypedPredicate).Select(e => EF.Property<TKey>(e, keyName)).ToListAsync(cancellationToken);
                moved += arrived.Count;
                if (match.Flow is not null)
                {
                    var events = arrived.Select(k => new FlowEvent
                    {
                        Flow = match.Flow.Slug,
                        SubjectType = typeof(T).Name,
                        SubjectKey = SubjectKey.Format(k),
                        Source = match.Source.IsExternal ? null : match.Source.Slug,
                        Sink = match.Sink.IsExternal ? null : match.Sink.Slug,
                        OccurredAt = now,
                    }).ToList();
                    await FlowEventWriter.InsertAsync(db, events, async: true, cancellationToken);
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return new TransitionResult(keys.Count, moved);
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private static Expression<Func<T, bool>> InKeys<T, TKey>(TKey[] keys, string keyName)
        where T : class
    {
        var list = keys.ToList();
        return e => list.Contains(EF.Property<TKey>(e, keyName));
    }

    private static bool IsSerializationFailure(Exception ex) =>
        ex is DbException { SqlState: "40001" or "40P01" } || (ex.InnerException is { } inner && IsSerializationFailure(inner));
}
