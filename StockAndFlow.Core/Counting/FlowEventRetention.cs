using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Counting;

/// <summary>What one run of <see cref="FlowEventRetention"/> did.</summary>
/// <param name="PartitionsCreated">Month partitions created ahead (PostgreSQL, partitioned table).</param>
/// <param name="MonthsRemoved">Whole months of events removed: partitions dropped, or rows deleted.</param>
/// <param name="RowsDeleted">Events deleted row by row (batched <c>DELETE</c>; on PostgreSQL only those in the default partition).</param>
/// <param name="KeptFrom">The start (UTC) of the oldest month still kept after this run; null when nothing was ever removed.</param>
public sealed record FlowEventRetentionResult(int PartitionsCreated, int MonthsRemoved, long RowsDeleted, DateTime? KeptFrom);

/// <summary>
/// Keeps the flow event table to a number of whole UTC months. A month goes only once it is rolled up:
/// the flow record update has covered it (its checkpoint past every event id in the month, and its last
/// run later than the month's end plus the late-commit margin and a day), and every stock has a recount whose
/// event mark is past every id in it (so live counts and the next bridge, which read the events after
/// the last recount, lose nothing). Flow records, stock records, recounts and bridge lines stay, so
/// charts keep their history. On a partitioned PostgreSQL table a month is one <c>DROP TABLE</c> of its
/// partition, and the partitions of the current month and the next ones are created ahead; elsewhere
/// (SQLite, SQL Server, a PostgreSQL table that is not partitioned) the same months' rows are deleted
/// in batches. Safe to run twice or on two servers at once.
/// </summary>
public sealed class FlowEventRetention(StockAndFlowModel model, TimeProvider time)
{
    /// <summary>The checkpoint whose <see cref="Checkpoint.UpdatedAt"/> is the start of the oldest month kept.</summary>
    internal const string CheckpointName = "flow-event-retention";

    /// <summary>
    /// Creates the partitions of the current month and the <paramref name="monthsAhead"/> next ones (on
    /// a partitioned PostgreSQL table), then, when <paramref name="keepMonths"/> is set, removes the
    /// rolled-up months older than that many whole months before the current one, deleting
    /// <paramref name="batchSize"/> rows a statement where it deletes rows.
    /// </summary>
    public async Task<FlowEventRetentionResult> RunAsync(DbContext db, int? keepMonths, int monthsAhead = 2, int batchSize = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegative(monthsAhead);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var now = time.GetUtcNow().UtcDateTime;
        var thisMonth = MonthStart(now);
        var partitioned = await FlowEventPartitions.IsPartitionedAsync(db, cancellationToken);
        var created = 0;
        if (partitioned)
        {
            for (var ahead = 0; ahead <= monthsAhead; ahead++)
            {
                created += await FlowEventPartitions.CreateMonthAsync(db, thisMonth.AddMonths(ahead), cancellationToken) ? 1 : 0;
            }
        }

        var keptFrom = await KeptFromAsync(db, cancellationToken);
        if (keepMonths is not { } months)
        {
            return new(created, 0, 0, keptFrom);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(months, nameof(keepMonths));
        var (rolledUpId, rolledUpAt) = await RolledUpAsync(db, cancellationToken);
        var limit = Min(thisMonth.AddMonths(-months), rolledUpAt);
        var events = db.Set<FlowEvent>().AsNoTracking();
        var oldest = await events.MinAsync(e => (DateTime?)e.OccurredAt, cancellationToken);
        var named = partitioned ? await FlowEventPartitions.MonthsAsync(db, cancellationToken) : [];
        var first = new[] { oldest is { } o ? MonthStart(o) : (DateTime?)null, named.Count > 0 ? named[0] : null }.Min();
        var removed = 0;
        var deleted = 0L;
        for (var month = first ?? limit; month.AddMonths(1) <= limit; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1);
            var newest = await events.Where(e => e.OccurredAt >= month && e.OccurredAt < end).MaxAsync(e => (long?)e.Id, cancellationToken);
            if (newest > rolledUpId)
            {
                break;
            }

            if (partitioned && named.Contains(month) && !await FlowEventPartitions.DropMonthAsync(db, month, rolledUpId, cancellationToken))
            {
                break;
            }

            // Unpartitioned tables, and on PostgreSQL the month's rows that sit in the default partition.
            deleted += await DeleteAsync(db, month, end, rolledUpId, batchSize, cancellationToken);
            removed += newest is null && !named.Contains(month) ? 0 : 1;
            keptFrom = keptFrom is { } k && k > end ? k : end;
        }

        if (keptFrom is { } from)
        {
            await SaveKeptFromAsync(db, from, cancellationToken);
        }

        return new(created, removed, deleted, keptFrom);
    }

    /// <summary>The start of the oldest month kept, or null when retention never removed a month.</summary>
    internal static async Task<DateTime?> KeptFromAsync(DbContext db, CancellationToken cancellationToken) =>
        (await db.Set<Checkpoint>().AsNoTracking().SingleOrDefaultAsync(c => c.Name == CheckpointName, cancellationToken))?.UpdatedAt;

    /// <summary>The start (UTC) of the month <paramref name="utc"/> falls in.</summary>
    internal static DateTime MonthStart(DateTime utc) => new(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    // The highest event id, and the latest time, that everything reading events has covered: the flow
    // record update (its checkpoint, less the margin for late commits and a day, so the reporting
    // zone's day that straddles a month's end is never recounted from half its events) and every
    // stock's last recount.
    private async Task<(long Id, DateTime At)> RolledUpAsync(DbContext db, CancellationToken cancellationToken)
    {
        var records = await db.Set<Checkpoint>().AsNoTracking().SingleOrDefaultAsync(c => c.Name == FlowRecordUpdater.CheckpointName, cancellationToken);
        if (records is null)
        {
            return (0, DateTime.MinValue);
        }

        var id = records.LastId;
        var slugs = model.Stocks.Select(s => s.Slug).ToList();
        if (slugs.Count > 0)
        {
            var marks = await db.Set<Recount>().AsNoTracking()
                .Where(r => slugs.Contains(r.Stock))
                .GroupBy(r => r.Stock)
                .Select(g => g.Max(r => r.EventMark))
                .ToListAsync(cancellationToken);
            id = marks.Count < slugs.Count ? 0 : Math.Min(id, marks.Min());
        }

        return (id, records.UpdatedAt - FlowRecordUpdater.LateCommitMargin - TimeSpan.FromDays(1));
    }

    private static async Task<long> DeleteAsync(DbContext db, DateTime from, DateTime to, long maxId, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0L;
        int batch;
        do
        {
            batch = await db.Set<FlowEvent>()
                .Where(e => e.OccurredAt >= from && e.OccurredAt < to && e.Id <= maxId)
                .OrderBy(e => e.Id)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            total += batch;
        }
        while (batch == batchSize);
        return total;
    }

    private static async Task SaveKeptFromAsync(DbContext db, DateTime keptFrom, CancellationToken cancellationToken)
    {
        // Only ever moves forward, so a slower concurrent run cannot move it back.
        var moved = await db.Set<Checkpoint>().Where(c => c.Name == CheckpointName && c.UpdatedAt <= keptFrom)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, keptFrom), cancellationToken);
        if (moved == 0)
        {
            await Checkpoints.AddIfMissingAsync(db, new Checkpoint { Name = CheckpointName, UpdatedAt = keptFrom }, cancellationToken);
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
