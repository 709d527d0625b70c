using StockAndFlow.Storage;
using System.Data;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using StockAndFlow.Capture;
using StockAndFlow.Definitions;

namespace StockAndFlow.Moves;

/// <summary>
/// The one primitive that moves a selected set of members of a stock: select the keys, update them with
/// a set-based UPDATE that re-checks the selection, and insert a flow event for each row that left the
/// stock for a sink of one of its flows — all in one transaction. Decay uses it; bulk actions use it.
/// Rows that stop matching the selection before the update runs are not moved and get no event.
/// </summary>
/// <remarks>
/// Keys travel as one collection parameter per statement (<c>EF.Parameter</c>: a JSON or array
/// parameter), so a chunk is a few statements whatever its size. EF Core's default, one parameter per
/// key, would make a 5 000-key chunk 5 000 parameters: past SQL Server's limit, and on SQLite, whose
/// parameter lookup is linear, it made moving 100 000 rows take 7 s instead of under 2 s. An UPDATE
/// bypasses SaveChanges, so capture does not see it and each move is recorded exactly once, here, with
/// the facet values live counts need (<see cref="MovedFacets{T, TKey}"/>).
/// </remarks>
public sealed class Transitions(StockAndFlowModel model, TimeProvider time)
{
    private const int KeysPerChunk = 5000;
    private const int Attempts = 3;

    private static readonly MethodInfo ApplyMethod = typeof(Transitions).GetMethod(nameof(ApplyCoreAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>
    /// Moves the members of <paramref name="from"/> matching <paramref name="selection"/> to
    /// <paramref name="to"/> with <paramref name="setters"/>; rows the update leaves elsewhere get no event.
    /// </summary>
    public Task<TransitionResult> MoveAsync<T>(
        DbContext db,
        Stock<T> from,
        Stock<T> to,
        Expression<Func<T, bool>> selection,
        Action<UpdateSettersBuilder<T>> setters,
        CancellationToken cancellationToken = default)
        where T : class =>
        ApplyAsync(db, from, selection, setters, [to], progress: null, cancellationToken);

    /// <summary>
    /// Updates the members of <paramref name="from"/> matching <paramref name="selection"/> with
    /// <paramref name="setters"/> and records, for each row that left <paramref name="from"/>, the flows from
    /// it to the stock the row is in now (among <paramref name="sinks"/>, or every sink of its flows).
    /// <paramref name="progress"/> receives the rows processed so far after each chunk.
    /// </summary>
    public async Task<TransitionResult> ApplyAsync<T>(
        DbContext db,
        Stock<T> from,
        Expression<Func<T, bool>> selection,
        Action<UpdateSettersBuilder<T>> setters,
        IReadOnlyList<Stock>? sinks = null,
        Func<int, int, Task>? progress = null,
        CancellationToken cancellationToken = default)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{db.GetType().Name} does not map {typeof(T).Name}.");
        var key = entityType.FindPrimaryKey()!;
        if (key.Properties.Count != 1)
        {
            throw new NotSupportedException($"Set-based moves need a single-column key; {typeof(T).Name} has {key.Properties.Count}.");
        }

        var flows = model.Flows.Where(f => f.EntityType == typeof(T) && f.Sources.Contains(from)).ToList();
        var targets = flows.SelectMany(f => f.Sinks).Where(s => !s.IsExternal && s != from && (sinks is null || sinks.Contains(s))).Distinct().Cast<Stock<T>>().ToList();
        var method = ApplyMethod.MakeGenericMethod(typeof(T), key.Properties[0].ClrType);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await (Task<TransitionResult>)method.Invoke(this, [db, from, selection, setters, key.Properties[0].Name, flows, targets, progress, cancellationToken])!;
            }
            catch (Exception ex) when (attempt < Attempts && IsSerializationFailure(ex))
            {
                // Another writer changed a selected row after we read it: start over from a fresh read.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<TransitionResult> ApplyCoreAsync<T, TKey>(
        DbContext db,
        Stock<T> from,
        Expression<Func<T, bool>> selection,
        Action<UpdateSettersBuilder<T>> setters,
        string keyName,
        List<Flow> flows,
        List<Stock<T>> targets,
        Func<int, int, Task>? progress,
        CancellationToken cancellationToken)
        where T : class
        where TKey : notnull
    {
        var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
            : null;
        try
        {
            var candidates = db.Set<T>().Where(from.TypedPredicate).Where(selection);
            var keys = await candidates.Select(e => EF.Property<TKey>(e, keyName)).ToListAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var moved = 0;
            var done = 0;
            var facets = TrackedFacets.IsTracked(model, from) ? new MovedFacets<T, TKey>(from, keyName) : null;
            foreach (var chunk in keys.Chunk(KeysPerChunk))
            {
                var list = chunk.ToList();
                var rows = db.Set<T>().Where(e => EF.Parameter(list).Contains(EF.Property<TKey>(e, keyName)));
                var selected = candidates.Where(e => EF.Parameter(list).Contains(EF.Property<TKey>(e, keyName)));
                if (facets is not null)
                {
                    await facets.ReadBeforeAsync(selected, cancellationToken);
                }

                await selected.ExecuteUpdateAsync(setters, cancellationToken);

                // Where did each row go? A row still in `from` did not move.
                var left = db.Set<T>().Where(e => EF.Parameter(list).Contains(EF.Property<TKey>(e, keyName))).Where(Not(from.TypedPredicate));
                var arrivals = new Dictionary<TKey, HashSet<Stock>>();
                foreach (var target in targets)
                {
                    foreach (var k in await left.Where(target.TypedPredicate).Select(e => EF.Property<TKey>(e, keyName)).ToListAsync(cancellationToken))
                    {
                        (arrivals.TryGetValue(k, out var set) ? set : arrivals[k] = []).Add(target);
                    }
                }

                var before = new HashSet<Stock> { from };
                var matches = arrivals.SelectMany(a => FlowMatcher.Match(flows, before, a.Value).Select(m => (a.Key, Match: m))).ToList();
                var events = matches.Select(m => NewEvent(m.Match, typeof(T), SubjectKey.Format(m.Key), now)).ToList();
                moved += arrivals.Count;
                await BulkInsert.InsertAsync(db, events, async: true, cancellationToken);
                if (facets is not null)
                {
                    var gone = (await left.Select(e => EF.Property<TKey>(e, keyName)).ToListAsync(cancellationToken)).ToHashSet();
                    var changes = await facets.ChangesAsync(rows, gone, [.. matches.Select(m => (m.Key, m.Match.Flow, m.Match.Sink))], now, cancellationToken);
                    await BulkInsert.InsertAsync(db, changes, async: true, cancellationToken);
                }
                done += chunk.Length;
                if (progress is not null)
                {
                    await progress(done, keys.Count);
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

    private static FlowEvent NewEvent((Flow Flow, Stock Source, Stock Sink) match, Type entityType, string key, DateTime now) => new()
    {
        Flow = match.Flow.Slug,
        SubjectType = entityType.Name,
        SubjectKey = key,
        Source = match.Source.IsExternal ? null : match.Source.Slug,
        Sink = match.Sink.IsExternal ? null : match.Sink.Slug,
        OccurredAt = now,
    };

    private static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    private static bool IsSerializationFailure(Exception ex) =>
        ex is DbException { SqlState: "40001" or "40P01" } || (ex.InnerException is { } inner && IsSerializationFailure(inner));
}
