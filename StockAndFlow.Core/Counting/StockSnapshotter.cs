using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;

namespace StockAndFlow.Counting;

/// <summary>
/// Counts stocks and stores the counts as <see cref="StockRecord"/> and <see cref="StockFacetRecord"/>
/// rows in the bucket of each snapshot period containing the instant. Writing the same snapshot again
/// updates the records it wrote; it never duplicates them, and a facet value it no longer finds in a
/// bucket it writes becomes zero there, so facet records always sum to the stock record.
/// </summary>
public sealed class StockSnapshotter(StockCounter counter, PeriodCalendar calendar, IReadOnlyList<Period> periods)
{
    /// <summary>The periods records are written for.</summary>
    public IReadOnlyList<Period> Periods { get; } = periods.Count == 0 ? Enum.GetValues<Period>() : periods;

    /// <summary>Counts every stock and upserts their records for the buckets containing <paramref name="at"/>.</summary>
    public async Task<IReadOnlyList<StockCount>> SnapshotAsync(DbContext db, IReadOnlyList<Stock> stocks, DateTime at, CancellationToken cancellationToken = default)
    {
        var counts = await counter.CountAsync(db, stocks, cancellationToken);
        await WriteAsync(db, counts, PeriodCalendar.AsUtc(at), cancellationToken);
        return counts;
    }

    /// <summary>Upserts records for counts taken at <paramref name="at"/>.</summary>
    public async Task WriteAsync(DbContext db, IReadOnlyList<StockCount> counts, DateTime at, CancellationToken cancellationToken = default)
    {
        var stockRecords = new List<StockRecord>();
        var facetRecords = new List<StockFacetRecord>();
        var facetScopes = new HashSet<FacetScope>();
        foreach (var period in Periods)
        {
            var bucket = calendar.BucketStart(at, period);
            foreach (var count in counts)
            {
                stockRecords.Add(new StockRecord { Stock = count.Stock.Slug, Period = period, BucketStart = bucket, Count = count.Total, CountedAt = at });
                facetScopes.UnionWith(count.Facets.Select(f => new FacetScope(count.Stock.Slug, f.Facet.Slug, period, bucket)));
                facetRecords.AddRange(count.Facets.SelectMany(f => f.Values.Select(v => new StockFacetRecord
                {
                    Stock = count.Stock.Slug,
                    Facet = f.Facet.Slug,
                    Value = v.Value ?? "",
                    IsNull = v.Value is null,
                    Period = period,
                    BucketStart = bucket,
                    Count = v.Count,
                    CountedAt = at,
                })));
            }
        }

        await RecordUpsert.StockRecordsAsync(db, stockRecords, cancellationToken);
        // A value absent from this count is zero in these buckets, not its last count: otherwise a
        // bucket's facet records would no longer sum to its total.
        await RecordUpsert.StockFacetRecordsAsync(db, facetRecords, facetScopes, at, cancellationToken);
    }
}
