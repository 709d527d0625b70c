using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Reading;

/// <summary>Moves from one stock to another over a range; <see langword="null"/> is outside every stock of the group.</summary>
/// <param name="Source">The stock left, or null for External.</param>
/// <param name="Sink">The stock entered, or null for External.</param>
/// <param name="Count">How many moves.</param>
/// <param name="Share">Their share of every move out of <paramref name="Source"/> in the range (0–1).</param>
public sealed record Transition(string? Source, string? Sink, long Count, double Share);

/// <summary>How long members stayed in a stock before leaving it, over the leaves in a range.</summary>
/// <param name="Stock">The stock's slug.</param>
/// <param name="Leaves">Leaves in the range whose entry is recorded.</param>
/// <param name="Median">The median stay, or null without leaves.</param>
/// <param name="Percentile90">The 90th-percentile stay, or null without leaves.</param>
public sealed record DwellTime(string Stock, int Leaves, TimeSpan? Median, TimeSpan? Percentile90);

/// <summary>How many current members of a stock have been in it for each of <see cref="Movements.AgeBands"/>.</summary>
/// <param name="Stock">The stock's slug.</param>
/// <param name="Counts">Members per band, youngest first.</param>
public sealed record MemberAges(string Stock, IReadOnlyList<long> Counts);

/// <summary>Where the members that entered a stock in one bucket were at the end of each later bucket.</summary>
/// <param name="BucketStart">The cohort's bucket (UTC start).</param>
/// <param name="Entered">How many members entered the stock in it.</param>
/// <param name="Later">For each later bucket end (1, 2, … buckets on), the share still in each stock; "" is outside.</param>
public sealed record Cohort(DateTime BucketStart, int Entered, IReadOnlyList<IReadOnlyDictionary<string, double>> Later);

/// <summary>
/// Reads the moves of one entity type's rows from their flow events: a transition matrix (what moved
/// from where to where), how long members stay in each stock, and cohorts (of those entering a stock in
/// a week or month, where they are later). The moves are grouped and matched in SQL.
/// </summary>
public sealed class Movements(PeriodCalendar calendar)
{
    /// <summary>Moves of <paramref name="entityType"/>'s flows in [<paramref name="from"/>, <paramref name="to"/>), by source and sink.</summary>
    public async Task<IReadOnlyList<Transition>> TransitionsAsync(DbContext db, StockAndFlowModel model, Type entityType, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var flows = FlowsOf(model, entityType);
        var rows = await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => flows.Contains(e.Flow) && e.OccurredAt >= from && e.OccurredAt < to)
            .GroupBy(e => new { e.Source, e.Sink })
            .Select(g => new { g.Key.Source, g.Key.Sink, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var outOf = rows.GroupBy(r => r.Source).ToDictionary(g => g.Key ?? "", g => g.Sum(r => r.Count));
        return [.. rows
            .Select(r => new Transition(r.Source, r.Sink, r.Count, (double)r.Count / outOf[r.Source ?? ""]))
            .OrderBy(t => t.Source is null ? 0 : 1).ThenBy(t => t.Source, StringComparer.Ordinal)
            .ThenByDescending(t => t.Count).ThenBy(t => t.Sink, StringComparer.Ordinal)];
    }

    /// <summary>
    /// For every stock of <paramref name="entityType"/>: the median and 90th-percentile stay of the members
    /// that left it in [<paramref name="from"/>, <paramref name="to"/>), each stay measured from the
    /// member's latest entry into the stock before it left.
    /// </summary>
    public async Task<IReadOnlyList<DwellTime>> DwellTimesAsync(DbContext db, StockAndFlowModel model, Type entityType, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(model);
        var flows = FlowsOf(model, entityType);
        var events = db.Set<FlowEvent>().AsNoTracking();
        var stays = await events
            .Where(e => flows.Contains(e.Flow) && e.Source != null && e.OccurredAt >= from && e.OccurredAt < to)
            .Select(e => new
            {
                e.Source,
                Left = e.OccurredAt,
                Entered = events
                    .Where(x => x.SubjectType == e.SubjectType && x.SubjectKey == e.SubjectKey && x.Sink == e.Source
                        && (x.OccurredAt < e.OccurredAt || (x.OccurredAt == e.OccurredAt && x.Id < e.Id)))
                    .Max(x => (DateTime?)x.OccurredAt),
            })
            .Where(s => s.Entered != null)
            .ToListAsync(cancellationToken);
        return [.. model.Stocks.Where(s => s.EntityType == entityType).Select(stock =>
        {
            var sorted = stays.Where(s => s.Source == stock.Slug).Select(s => s.Left - s.Entered!.Value).Order().ToList();
            return new DwellTime(stock.Slug, sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
        })];
    }

    /// <summary>
    /// How long the current members of each stock of <paramref name="entityType"/> have been in it: the
    /// time since each member's latest entry, for members whose latest move entered the stock, counted in
    /// the bands of <see cref="AgeBands"/>.
    /// </summary>
    public async Task<IReadOnlyList<MemberAges>> MemberAgesAsync(DbContext db, StockAndFlowModel model, Type entityType, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(model);
        var flows = FlowsOf(model, entityType);
        var events = db.Set<FlowEvent>().AsNoTracking();
        var entries = await events
            .Where(e => flows.Contains(e.Flow) && e.Sink != null
                && !events.Any(x => x.SubjectType == e.SubjectType && x.SubjectKey == e.SubjectKey
                    && (x.OccurredAt > e.OccurredAt || (x.OccurredAt == e.OccurredAt && x.Id > e.Id))))
            .Select(e => new { e.Sink, e.OccurredAt })
            .ToListAsync(cancellationToken);
        return [.. model.Stocks.Where(s => s.EntityType == entityType).Select(stock =>
        {
            var ages = entries.Where(e => e.Sink == stock.Slug).Select(e => now - e.OccurredAt).ToList();
            return new MemberAges(stock.Slug, [.. AgeBands.Select((band, i) => (long)ages.Count(a => a >= band.From && (i == AgeBands.Count - 1 || a < AgeBands[i + 1].From)))]);
        })];
    }

    /// <summary>The bands member ages are counted in: under a day, a week, 30 days, 90 days, and older.</summary>
    public static IReadOnlyList<(string Label, TimeSpan From)> AgeBands { get; } =
    [
        ("under a day", TimeSpan.Zero),
        ("1–7 days", TimeSpan.FromDays(1)),
        ("7–30 days", TimeSpan.FromDays(7)),
        ("30–90 days", TimeSpan.FromDays(30)),
        ("over 90 days", TimeSpan.FromDays(90)),
    ];

    /// <summary>
    /// Cohorts of <paramref name="stock"/>: members whose entry into it fell in each bucket of
    /// <paramref name="period"/> from <paramref name="from"/> to <paramref name="to"/>, and for each later
    /// bucket up to now, the share of them in each stock of its group at that bucket's end.
    /// </summary>
    public async Task<IReadOnlyList<Cohort>> CohortsAsync(DbContext db, StockAndFlowModel model, Stock stock, Period period, DateTime from, DateTime to, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stock);
        var flows = FlowsOf(model, stock.EntityType);
        var first = calendar.BucketStart(from, period);
        var entries = await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => flows.Contains(e.Flow) && e.Sink == stock.Slug && e.OccurredAt >= first && e.OccurredAt < to)
            .Select(e => new { e.SubjectKey, e.OccurredAt, e.Id })
            .ToListAsync(cancellationToken);
        var keys = entries.Select(e => e.SubjectKey).Distinct().ToList();
        var type = stock.EntityType.Name;
        var history = keys.Count == 0 ? [] : await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => flows.Contains(e.Flow) && e.SubjectType == type && EF.Parameter(keys).Contains(e.SubjectKey) && e.OccurredAt >= first)
            .Select(e => new { e.SubjectKey, e.OccurredAt, e.Id, e.Sink })
            .ToListAsync(cancellationToken);
        var bySubject = history.GroupBy(e => e.SubjectKey).ToDictionary(g => g.Key, g => g.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToList());

        var cohorts = new List<Cohort>();
        foreach (var bucket in calendar.Buckets(first, to, period))
        {
            var next = calendar.NextBucketStart(bucket, period);
            // A member entering twice in one bucket counts once, from its first entry.
            var members = entries.Where(e => e.OccurredAt >= bucket && e.OccurredAt < next).GroupBy(e => e.SubjectKey).Select(g => g.Key).ToList();
            var later = new List<IReadOnlyDictionary<string, double>>();
            for (var end = calendar.NextBucketStart(next, period); end <= calendar.NextBucketStart(calendar.BucketStart(now, period), period) && members.Count > 0; end = calendar.NextBucketStart(end, period))
            {
                var at = end;
                var places = members.Select(m => bySubject[m].LastOrDefault(e => e.OccurredAt < at)?.Sink ?? "").GroupBy(p => p)
                    .ToDictionary(g => g.Key, g => (double)g.Count() / members.Count);
                later.Add(places);
            }

            cohorts.Add(new Cohort(bucket, members.Count, later));
        }

        return cohorts;
    }

    private static List<string> FlowsOf(StockAndFlowModel model, Type entityType)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.Flows.Where(f => f.EntityType == entityType).Select(f => f.Slug)];
    }

    // Nearest-rank percentile of sorted values.
    private static TimeSpan? Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
