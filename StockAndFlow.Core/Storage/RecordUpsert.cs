using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Storage;

/// <summary>
/// Provider-neutral upserts on the records' unique keys: load the keys present for the buckets being
/// written, update those through the tracker, insert the rest with <see cref="Storage.BulkInsert"/>, in one transaction.
/// A concurrent writer that inserts the same key first makes the insert fail on the unique index; the
/// transaction is rolled back and the batch re-read and re-applied, so two servers snapshotting at once
/// still leave one record per key.
/// </summary>
internal static class RecordUpsert
{
    private const int Attempts = 5;

    public static Task StockRecordsAsync(DbContext db, IReadOnlyList<StockRecord> records, CancellationToken cancellationToken) =>
        UpsertAsync(
            db,
            records,
            (set, batch) =>
            {
                var stocks = batch.Select(r => r.Stock).Distinct().ToList();
                var buckets = batch.Select(r => r.BucketStart).Distinct().ToList();
                return set.Where(r => stocks.Contains(r.Stock) && buckets.Contains(r.BucketStart));
            },
            r => (r.Stock, r.Period, r.BucketStart),
            (target, source) =>
            {
                target.Count = source.Count;
                target.CountedAt = source.CountedAt;
            },
            cancellationToken);

    /// <summary>
    /// Upserts facet records and sets to zero every stored value of a counted (stock, facet, period,
    /// bucket) that the new count no longer has, so a bucket's facet records always sum to its total.
    /// </summary>
    public static Task StockFacetRecordsAsync(DbContext db, IReadOnlyList<StockFacetRecord> records, IReadOnlySet<FacetScope> counted, DateTime countedAt, CancellationToken cancellationToken) =>
        UpsertAsync(
            db,
            records,
            (set, _) =>
            {
                var stocks = counted.Select(c => c.Stock).Distinct().ToList();
                var buckets = counted.Select(c => c.BucketStart).Distinct().ToList();
                return set.Where(r => stocks.Contains(r.Stock) && buckets.Contains(r.BucketStart));
            },
            r => (r.Stock, r.Facet, r.Period, r.BucketStart, r.IsNull, r.Value),
            (target, source) =>
            {
                target.Count = source.Count;
                target.CountedAt = source.CountedAt;
            },
            cancellationToken,
            stale =>
            {
                if (stale.Count != 0 && counted.Contains(new FacetScope(stale.Stock, stale.Facet, stale.Period, stale.BucketStart)))
                {
                    stale.Count = 0;
                    stale.CountedAt = countedAt;
                }
            });

    public static Task FlowRecordsAsync(DbContext db, IReadOnlyList<FlowRecord> records, CancellationToken cancellationToken) =>
        UpsertAsync(
            db,
            records,
            (set, batch) =>
            {
                var flows = batch.Select(r => r.Flow).Distinct().ToList();
                var from = batch.Min(r => r.BucketStart);
                var to = batch.Max(r => r.BucketStart);
                return set.Where(r => flows.Contains(r.Flow) && r.BucketStart >= from && r.BucketStart <= to);
            },
            r => (r.Flow, r.Facet, r.IsNull, r.Value, r.Period, r.BucketStart),
            (target, source) =>
            {
                target.Count = source.Count;
                target.UpdatedAt = source.UpdatedAt;
            },
            cancellationToken);

    public static Task StatisticsAsync(DbContext db, IReadOnlyList<Storage.Statistic> records, CancellationToken cancellationToken) =>
        UpsertAsync(
            db,
            records,
            (set, batch) =>
            {
                var metrics = batch.Select(r => r.MetricId).Distinct().ToList();
                var from = batch.Min(r => r.Date);
                var to = batch.Max(r => r.Date);
                return set.Where(r => metrics.Contains(r.MetricId) && r.Date >= from && r.Date <= to);
            },
            r => (r.MetricId, r.Period, r.Date, r.ObjectType, r.ObjectKey),
            (target, source) =>
            {
                target.Value = source.Value;
                target.UpdatedAt = source.UpdatedAt;
            },
            cancellationToken);

    private static async Task UpsertAsync<TRecord, TKey>(
        DbContext db,
        IReadOnlyList<TRecord> records,
        Func<IQueryable<TRecord>, IReadOnlyList<TRecord>, IQueryable<TRecord>> existingQuery,
        Func<TRecord, TKey> key,
        Action<TRecord, TRecord> update,
        CancellationToken cancellationToken,
        Action<TRecord>? unmatched = null)
        where TRecord : class
        where TKey : notnull
    {
        if (records.Count == 0 && unmatched is null)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var existing = await existingQuery(db.Set<TRecord>(), records).ToListAsync(cancellationToken);
            var byKey = new Dictionary<TKey, TRecord>();
            foreach (var record in existing)
            {
                byKey.TryAdd(key(record), record);
            }

            var fresh = new List<TRecord>();
            var matched = new HashSet<TRecord>(ReferenceEqualityComparer.Instance);
            foreach (var record in records)
            {
                if (byKey.TryGetValue(key(record), out var current))
                {
                    update(current, record);
                    matched.Add(current);
                }
                else if (byKey.TryAdd(key(record), record))
                {
                    fresh.Add(record);
                }
            }

            if (unmatched is not null)
            {
                foreach (var record in existing.Where(r => !matched.Contains(r)))
                {
                    unmatched(record);
                }
            }

            // Updates through the tracker, new rows as bulk INSERTs, both in one transaction.
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await Storage.BulkInsert.InsertAsync(db, fresh, async: true, cancellationToken);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }

                Detach(db, existing);
                return;
            }
            catch (Exception e) when (attempt < Attempts && own is not null && e is DbUpdateException or System.Data.Common.DbException)
            {
                // Another writer inserted one of these keys between our read and our insert.
                await own.RollbackAsync(cancellationToken);
                Detach(db, existing);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
            }
            finally
            {
                if (own is not null)
                {
                    await own.DisposeAsync();
                }
            }
        }
    }

    private static void Detach<TRecord>(DbContext db, IEnumerable<TRecord> records)
        where TRecord : class
    {
        foreach (var record in records)
        {
            db.Entry(record).State = EntityState.Detached;
        }
    }
}

/// <summary>The (stock, facet, period, bucket) a snapshot counted a facet for.</summary>
internal readonly record struct FacetScope(string Stock, string Facet, Storage.Period Period, DateTime BucketStart);
