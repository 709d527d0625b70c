using StockAndFlow.Storage;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using StockAndFlow.Definitions;

namespace StockAndFlow.Capture;

/// <summary>
/// Writes a <see cref="FlowEvent"/> for every flow a save moves a row along, in the same save and
/// transaction as the change, and runs flow handlers after commit.
/// </summary>
/// <remarks>
/// Each added, modified and deleted entry of a type with flows has its captured stocks' predicates
/// (compiled once) evaluated on its original and current values. Events of rows whose keys are known
/// are added to the save itself. Events of added rows with store-generated keys are written right
/// after the save inside the same transaction (one this interceptor opens when the caller has none).
/// Saving an unchanged instance again finds no modified entry and so adds no event (django-stockandflow's
/// ModelTracker recorded a second one).
/// <para>
/// The tracker's original values are the stored ones only for instances this context read with a
/// tracking query or saved itself. A modified or deleted entry of any other instance (an entity passed
/// to <c>Update</c>, attached and marked Modified, a stub passed to <c>Remove</c>) is decided from its
/// stored row instead: one query per entity type per save, inside the save's transaction (one this
/// interceptor opens when the caller has none).
/// </para>
/// </remarks>
public sealed class FlowCaptureInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly Dictionary<Type, EntityCapturePlan> _plans;
    private readonly TimeProvider _time;
    private readonly FlowHandlerDispatcher _dispatcher;
    private readonly ConditionalWeakTable<DbContext, CaptureState> _states = [];

    internal FlowCaptureInterceptor(StockAndFlowModel model, TimeProvider time, FlowHandlerDispatcher dispatcher)
    {
        _plans = EntityCapturePlan.ForModel(model);
        _time = time;
        _dispatcher = dispatcher;
        ContextWatcher.Start();
    }

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeforeSaveAsync(eventData.Context, async: false, default).GetAwaiter().GetResult();
        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeforeSaveAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSaveAsync(eventData.Context, async: false, default).GetAwaiter().GetResult();
        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AfterSaveAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    /// <inheritdoc />
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    /// <inheritdoc />
    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Runs handlers for events saved inside the caller's transaction once it commits.</summary>
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _states.TryGetValue(context, out var state) && state.AwaitingCommit.Count > 0)
        {
            var ready = state.AwaitingCommit.ToList();
            state.AwaitingCommit.Clear();
            _dispatcher.DispatchAsync(ready, default).GetAwaiter().GetResult();
        }
    }

    /// <summary>Runs handlers for events saved inside the caller's transaction once it commits.</summary>
    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _states.TryGetValue(context, out var state) && state.AwaitingCommit.Count > 0)
        {
            var ready = state.AwaitingCommit.ToList();
            state.AwaitingCommit.Clear();
            await _dispatcher.DispatchAsync(ready, cancellationToken);
        }
    }

    /// <summary>A rolled-back transaction's events never reach handlers.</summary>
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _states.TryGetValue(context, out var state))
        {
            state.AwaitingCommit.Clear();
        }
    }

    /// <summary>A rolled-back transaction's events never reach handlers.</summary>
    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private async Task BeforeSaveAsync(DbContext? context, bool async, CancellationToken cancellationToken)
    {
        if (context is null || _plans.Count == 0)
        {
            return;
        }

        var state = State(context);
        if (state.Suppressed)
        {
            return;
        }

        state.Reset();
        foreach (var leftover in state.Leftovers)
        {
            leftover.State = EntityState.Detached;
        }

        state.Leftovers.Clear();
        var tracker = context.ChangeTracker;

        // Entries() runs DetectChanges when the context auto-detects, as SaveChanges would.
        var entries = tracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var now = _time.GetUtcNow().UtcDateTime;
        var captured = new List<(EntityEntry Entry, EntityCapturePlan Plan, bool Known)>();
        foreach (var entry in entries)
        {
            if (FindPlan(entry.Metadata.ClrType) is { } plan)
            {
                // Added rows and rows of unknown origin hold their stored values once saved.
                var known = entry.State != EntityState.Added && state.Known.Contains(entry.Entity);
                if (!known && entry.State != EntityState.Deleted)
                {
                    state.Saved.Add(entry);
                }

                if (MayMove(plan, entry))
                {
                    captured.Add((entry, plan, known));
                }
            }
        }

        var unknown = captured.Where(c => c.Entry.State != EntityState.Added && !c.Known).ToList();
        var stored = new Dictionary<EntityEntry, object?>();
        if (unknown.Count > 0)
        {
            // The stored values are read in the save's transaction, so the row cannot change between
            // the read and the write without the save seeing it.
            await BeginOwnTransactionAsync(context, state, async, cancellationToken);
            stored = await StoredRows.ReadAsync(context, unknown.Select(c => (c.Entry, c.Plan.EntityType)), async, cancellationToken);
        }

        var waitsForKey = false;
        var changes = new List<StockChange>();
        foreach (var (entry, plan, _) in captured)
        {
            var original = entry.State == EntityState.Added ? null
                : stored.TryGetValue(entry, out var row) ? row
                : entry.OriginalValues.ToObject();
            var current = entry.State == EntityState.Deleted ? null : entry.Entity;
            var before = plan.Membership(original, original, current, isOriginalSide: true);
            var after = plan.Membership(current, original, current, isOriginalSide: false);
            var matches = FlowMatcher.Match(plan.Groups, before, after).ToList();
            StockChanges.Add(changes, plan, before, after, matches, original, current, now);
            foreach (var (flow, source, sink) in matches)
            {
                var temporary = entry.State == EntityState.Added && SubjectKey.IsTemporary(entry);
                var pending = new PendingFlowEvent(entry, entry.Entity, flow, source, sink, temporary ? null : NewEvent(entry, flow, source, sink, now));
                waitsForKey |= temporary;
                state.Pending.Add(pending);
            }
        }

        // The tracker was scanned above; a second full scan inside SaveChanges would find nothing new.
        state.RestoreAutoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        if (state.Pending.Count == 0 && changes.Count == 0)
        {
            return;
        }

        EnsureMapped(context);
        state.Now = now;
        foreach (var pending in state.Pending.Where(p => p.Event is not null))
        {
            state.Added.Add(context.Add(pending.Event!));
        }

        // Stock changes name no subject, so they need no generated key: they join the save itself.
        foreach (var change in StockChanges.Merge(changes))
        {
            state.Added.Add(context.Add(change));
        }

        if (waitsForKey)
        {
            await BeginOwnTransactionAsync(context, state, async, cancellationToken);
        }
    }

    private static async Task BeginOwnTransactionAsync(DbContext context, CaptureState state, bool async, CancellationToken cancellationToken)
    {
        if (state.OwnTransaction is null && context.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null)
        {
            state.OwnTransaction = async
                ? await context.Database.BeginTransactionAsync(cancellationToken)
                : context.Database.BeginTransaction();
        }
    }

    private async Task AfterSaveAsync(DbContext? context, bool async, CancellationToken cancellationToken)
    {
        if (context is null || !_states.TryGetValue(context, out var state) || state.Suppressed)
        {
            return;
        }

        RestoreAutoDetect(context, state);

        // What this context saved now holds its stored values: later saves trust its tracker.
        foreach (var entry in state.Saved.Where(e => e.State != EntityState.Detached))
        {
            state.Known.Add(entry.Entity);
        }

        state.Saved.Clear();
        if (state.Pending.Count == 0 && state.Added.Count == 0 && state.OwnTransaction is null)
        {
            return;
        }

        // Event rows are ours, not the caller's: stop tracking them once stored, so a long-lived
        // context does not accumulate them and a rolled-back id reused later cannot collide.
        foreach (var added in state.Added)
        {
            added.State = EntityState.Detached;
        }

        var late = state.Pending.Where(p => p.Event is null).ToList();
        try
        {
            foreach (var pending in late)
            {
                pending.Event = NewEvent(pending.Entry, pending.Flow, pending.Source, pending.Sink, state.Now);
            }

            state.Suppressed = true;
            await BulkInsert.InsertAsync(context, [.. late.Select(p => p.Event!)], async, cancellationToken);
            if (state.OwnTransaction is { } own)
            {
                if (async)
                {
                    await own.CommitAsync(cancellationToken);
                }
                else
                {
                    own.Commit();
                }
            }
        }
        catch
        {
            state.OwnTransaction?.Rollback();
            throw;
        }
        finally
        {
            state.Suppressed = false;
            state.OwnTransaction?.Dispose();
            state.OwnTransaction = null;
        }

        var saved = state.Pending.ToList();
        state.Reset();
        if (context.Database.CurrentTransaction is null)
        {
            await _dispatcher.DispatchAsync(saved, cancellationToken);
        }
        else
        {
            state.AwaitingCommit.AddRange(saved);
        }
    }

    private void Abandon(DbContext? context)
    {
        if (context is null || !_states.TryGetValue(context, out var state) || state.Suppressed)
        {
            return;
        }

        // The failed save leaves the caller's changes pending; our event rows must not linger, or a
        // retry would write them twice. EF is still unwinding the save here (it resets store-generated
        // values after this call), so they are detached when the next save starts.
        state.Leftovers.AddRange(state.Added);
        RestoreAutoDetect(context, state);
        state.OwnTransaction?.Rollback();
        state.OwnTransaction?.Dispose();
        state.OwnTransaction = null;
        state.Reset();
    }

    private CaptureState State(DbContext context) =>
        _states.GetValue(context, _ => new CaptureState(new KnownInstances(type => FindPlan(type) is not null)));

    /// <summary>Follows the context's tracking queries, to know which instances hold stored values.</summary>
    internal void Watch(DbContext context)
    {
        if (_plans.Count > 0)
        {
            State(context).Known.Watch(context);
        }
    }

    private static void RestoreAutoDetect(DbContext context, CaptureState state)
    {
        if (state.RestoreAutoDetect)
        {
            context.ChangeTracker.AutoDetectChangesEnabled = true;
            state.RestoreAutoDetect = false;
        }
    }

    private EntityCapturePlan? FindPlan(Type clrType)
    {
        for (var type = clrType; type is not null && type != typeof(object); type = type.BaseType)
        {
            if (_plans.GetValueOrDefault(type) is { } plan)
            {
                return plan;
            }
        }

        return null;
    }

    private static bool MayMove(EntityCapturePlan plan, EntityEntry entry)
    {
        if (entry.State != EntityState.Modified || plan.ReadsWholeRow)
        {
            return true;
        }

        foreach (var name in plan.ReadProperties)
        {
            // A member EF does not map cannot be checked for modification: evaluate.
            if (entry.Metadata.FindProperty(name) is not { } property || entry.Property(property).IsModified)
            {
                return true;
            }
        }

        return false;
    }

    private static FlowEvent NewEvent(EntityEntry entry, Flow flow, Stock source, Stock sink, DateTime now) => new()
    {
        Flow = flow.Slug,
        SubjectType = flow.EntityType.Name,
        SubjectKey = SubjectKey.Of(entry),
        Source = source.IsExternal ? null : source.Slug,
        Sink = sink.IsExternal ? null : sink.Slug,
        OccurredAt = now,
    };

    private static void EnsureMapped(DbContext context)
    {
        if (context.Model.FindEntityType(typeof(FlowEvent)) is null)
        {
            throw StockAndFlowModelBuilderExtensions.NotMapped(context);
        }
    }
}
