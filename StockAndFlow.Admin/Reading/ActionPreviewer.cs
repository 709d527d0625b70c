using Microsoft.EntityFrameworkCore;
using StockAndFlow.Actions;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// What an action would do to a selection right now, computed rather than guessed: a set-based action
/// is run inside a transaction that is rolled back, and the flow events it would have written say how
/// many rows move, from which stock to which, along which flow. Flow handlers run only after a commit,
/// so the rehearsal has no effect outside the database. Per-row actions run the host's code, which may
/// do more than write rows (send mail), so they are never rehearsed.
/// </summary>
public sealed class ActionPreviewer(ActionRunner runner, AdminDatabase database, StockAndFlowModel model)
{
    /// <summary>Larger selections are not rehearsed: the rehearsal costs as much as the run.</summary>
    public const int MaxRehearsed = 50_000;

    /// <summary>The moves <paramref name="action"/> would make on the <paramref name="selected"/> members <paramref name="selection"/> picks.</summary>
    public Task<ActionPreview> PreviewAsync(StockAction action, Stock stock, MemberSelection selection, int selected, CancellationToken cancellationToken) =>
        PreviewAsync(action, MemberSource.Members(stock), selection, selected, cancellationToken);

    /// <summary>The moves <paramref name="action"/> would make on the <paramref name="selected"/> rows of <paramref name="source"/> that <paramref name="selection"/> picks.</summary>
    public async Task<ActionPreview> PreviewAsync(StockAction action, MemberSource source, MemberSelection selection, int selected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(source);
        if (!action.IsSetBased || selected == 0 || selected > MaxRehearsed)
        {
            return new ActionPreview(selected, Computed: false, []);
        }

        // A rehearsal writes (then rolls back): a read replica would refuse it.
        var db = database.Primary;
        var last = await db.Set<FlowEvent>().MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await runner.ExecuteAsync(db, action, source, selection, progress: null, cancellationToken);
            var from = source.Stock?.Slug;
            var moves = await db.Set<FlowEvent>().AsNoTracking()
                .Where(e => e.Id > last && (from == null || e.Source == from))
                .GroupBy(e => new { e.Flow, e.Source, e.Sink })
                .Select(g => new { g.Key.Flow, g.Key.Source, g.Key.Sink, Count = g.Select(e => e.SubjectKey).Distinct().Count() })
                .ToListAsync(cancellationToken);
            return new ActionPreview(selected, Computed: true, [.. moves
                .Select(m => new PreviewMove(model.FindFlow(m.Flow), m.Sink is null ? Stock.External : model.FindStock(m.Sink), m.Count) { From = m.Source is null ? null : model.FindStock(m.Source) })
                .Where(m => m.Flow is not null && m.To is not null)
                .OrderByDescending(m => m.Rows)]);
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>What an action would do: how many rows are selected and, when computed, where they would go.</summary>
public sealed record ActionPreview(int Selected, bool Computed, IReadOnlyList<PreviewMove> Moves)
{
    /// <summary>Rows that would move to another stock.</summary>
    public int Moving => Moves.Sum(m => m.Rows);

    /// <summary>Selected rows that would stay where they are.</summary>
    public int Staying => Math.Max(0, Selected - Moving);
}

/// <summary>Rows that would move from the stock (or <see cref="From"/>) to <see cref="To"/> along <see cref="Flow"/>.</summary>
public sealed record PreviewMove(Flow? Flow, Stock? To, int Rows)
{
    /// <summary>The stock they would leave.</summary>
    public Stock? From { get; init; }
}
