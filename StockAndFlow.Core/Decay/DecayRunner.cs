using StockAndFlow.Moves;
using StockAndFlow.Storage;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;

namespace StockAndFlow.Decay;

/// <summary>Runs, previews, pauses and resumes decay rules.</summary>
public sealed class DecayRunner(Transitions transitions, TimeProvider time)
{
    private static readonly MethodInfo RunMethod = typeof(DecayRunner).GetMethod(nameof(RunCoreAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo PreviewMethod = typeof(DecayRunner).GetMethod(nameof(PreviewCoreAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Moves every member whose age passed; a paused rule moves nothing.</summary>
    public async Task<TransitionResult> RunAsync(DbContext db, DecayRule rule, CancellationToken cancellationToken = default)
    {
        if (await IsPausedAsync(db, rule, cancellationToken))
        {
            return new TransitionResult(0, 0);
        }

        return await (Task<TransitionResult>)RunMethod.MakeGenericMethod(rule.EntityType).Invoke(this, [db, rule, cancellationToken])!;
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
