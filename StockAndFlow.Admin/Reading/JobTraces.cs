using Microsoft.EntityFrameworkCore;
using StockAndFlow.Jobs;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// When each recurring job's work last showed in the database, whoever ran it: a job the host ran at
/// start-up, or before the scheduler knew it, has no "last run" in the scheduler but has left its
/// results (stock records counted, flow records totalled, statistics written, insights collected).
/// </summary>
public sealed class JobTraces(AdminDatabase database)
{
    /// <summary>The latest time each job's results were written, by job id; jobs without results are absent.</summary>
    public async Task<IReadOnlyDictionary<string, DateTime>> LastWrittenAsync(CancellationToken cancellationToken)
    {
        var db = database.Context;
        var traces = new Dictionary<string, DateTime?>
        {
            [JobIds.Snapshot] = await db.Set<StockRecord>().MaxAsync(r => (DateTime?)r.CountedAt, cancellationToken),
            [JobIds.FlowRecords] = await db.Set<FlowRecord>().MaxAsync(r => (DateTime?)r.UpdatedAt, cancellationToken),
            [JobIds.Statistics] = await db.Set<Statistic>().MaxAsync(s => (DateTime?)s.UpdatedAt, cancellationToken),
            [JobIds.Insights] = await db.Set<InsightRun>().MaxAsync(r => (DateTime?)r.StartedAt, cancellationToken),
        };
        return traces.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!.Value, StringComparer.Ordinal);
    }
}
