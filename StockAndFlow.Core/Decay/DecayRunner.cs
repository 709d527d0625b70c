using StockAndFlow.Moves;
using StockAndFlow.Storage;
using System.Data;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;

namespace StockAndFlow.Decay;

/// <summary>
/// Runs, previews, pauses and resumes decay rules. A run that moves rows leaves a <see cref="DecayRun"/>
/// (when, which rule, how many rows, who) written in the same transaction as its moves.
/// </summary>
public sealed class DecayRunner(Transitions transitions, TimeProvider time)
{
    private const int Attempts = 3;

    private static readonly MethodInfo RunMethod = typeof(DecayRunner).GetMethod(nameof(RunCoreAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo PreviewMethod = typeof(DecayRunner).GetMethod(nameof(PreviewCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Moves every member whose age passed, as the scheduled job; a paused rule moves nothing.</summary>
    public Task<TransitionResult> RunAsync(DbContext db, DecayRule rule, CancellationToken cancellationToken = default) =>
        RunAsync(db, rule, DecayRun.ScheduledJob, cancellationToken);

    /// <summary>
    /// Moves every member whose age passed and, when it moved any, records the run as done by
    /// <paramref name="ranBy"/> (a user's name, or <see cref="DecayRun.ScheduledJob"/>); a paused rule moves nothing.
    /// </summary>
    public async Task<TransitionResult> RunAsync(DbContext db, DecayRule rule, string ranBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(ranBy);
        if (await IsPausedAsync(db, rule, cancellationToken))
        {
            return new TransitionResult(0, 0);
        }

        if (db.Database.CurrentTransaction is not null)
        {
            // The caller's transaction: the run commits or rolls back with it.
            return await MoveAndRecordAsync(db, rule, ranBy, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            try
            {
                var result = await MoveAndRecordAsync(db, rule, ranBy, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception ex) when (attempt < Attempts && IsRetryable(ex))
            {
                // Another writer changed a selected row after we read it: roll back and start over.
                db.ChangeTracker.Clear();
            }
            finally
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>How many members the rule would move now, without moving them.</summary>
    public Task<int> PreviewAsync(DbContext db, DecayRule rule, CancellationToken cancellationToken = default) =>
        (Task<int>)PreviewMethod.MakeGenericMethod(rule.EntityType).Invoke(null, [db, rule, time.GetUtcNow().UtcDateTime, cancellationToken])!;

    /// <summary>True when the rule is paused.</summary>
    public async Task<bool> IsPausedAsync(DbContext db, DecayRule rule, CancellationToken cancellationToken = default) =>
        await db.Set<DecayRuleState>().AsNoTracking().AnyAsync(s => s.Rule == rule.Slug && s.IsPaused, cancellationToken);

    /// <summary>Pauses or resumes the rule; the state is stored, so it survives restarts.</summary>
    public async Task SetPausedAsync(DbContext db, DecayRule rule, bool paused, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.Set<DecayRuleState>().Where(s => s.Rule == rule.Slug)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsPaused, paused).SetProperty(x => x.ChangedAt, now), cancellationToken);
        if (updated == 0)
        {
            var state = new DecayRuleState { Rule = rule.Slug, IsPaused = paused, ChangedAt = now };
            db.Add(state);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Someone created the row first: apply ours on top of it.
                db.Entry(state).State = EntityState.Detached;
                await db.Set<DecayRuleState>().Where(s => s.Rule == rule.Slug)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsPaused, paused).SetProperty(x => x.ChangedAt, now), cancellationToken);
                return;
            }

            db.Entry(state).State = EntityState.Detached;
        }
    }

    private async Task<TransitionResult> MoveAndRecordAsync(DbContext db, DecayRule rule, string ranBy, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow().UtcDateTime;
        var result = await (Task<TransitionResult>)RunMethod.MakeGenericMethod(rule.EntityType).Invoke(this, [db, rule, cancellationToken])!;
        if (result.Moved > 0)
        {
            var run = new DecayRun
            {
                Rule = rule.Slug,
                FromStock = rule.From!.Slug,
                ToStock = rule.To!.Slug,
                StartedAt = started,
                FinishedAt = time.GetUtcNow().UtcDateTime,
                Moved = result.Moved,
                RanBy = ranBy,
            };
            await BulkInsert.InsertAsync(db, [run], async: true, cancellationToken);
        }

        return result;
    }

    // Transitions retries a serialization failure itself only in a transaction of its own; in ours, on
    // PostgreSQL, its retry then meets "current transaction is aborted" (25P02): start over here.
    private static bool IsRetryable(Exception ex) =>
        ex is DbException { SqlState: "40001" or "40P01" or "25P02" } || (ex.InnerException is { } inner && IsRetryable(inner));

    private Task<TransitionResult> RunCoreAsync<T>(DbContext db, DecayRule rule, CancellationToken cancellationToken)
        where T : class
    {
        var typed = (DecayRule<T>)rule;
        var now = time.GetUtcNow().UtcDateTime;
        return transitions.MoveAsync(db, (Stock<T>)typed.From!, (Stock<T>)typed.To!, typed.OlderThanAt(now), s => typed.Setters!(s, now), cancellationToken);
    }

    private static Task<int> PreviewCoreAsync<T>(DbContext db, DecayRule rule, DateTime now, CancellationToken cancellationToken)
        where T : class
    {
        var typed = (DecayRule<T>)rule;
        return db.Set<T>().Where(((Stock<T>)typed.From!).TypedPredicate).Where(typed.OlderThanAt(now)).CountAsync(cancellationToken);
    }
}
