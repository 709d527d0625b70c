using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Reading;

/// <summary>One flow's measured mean moves into and out of a stock per bucket, and the factor a what-if applied to it.</summary>
public sealed record FlowContribution(string Flow, string Name, double MeanIn, double MeanOut, double Factor);

/// <summary>A projected bucket: the expected count at its end and a band of one standard deviation of the walk.</summary>
public sealed record ProjectionPoint(DateTime BucketStart, double Expected, double Low, double High);

/// <summary>A stock projected ahead from its measured flows.</summary>
/// <param name="Stock">The stock's slug.</param>
/// <param name="Current">Its count now, where the projection starts.</param>
/// <param name="Period">The bucket size the rates were measured and projected in.</param>
/// <param name="Measured">How many whole buckets the rates were measured over.</param>
/// <param name="MeanNet">Mean net change per bucket (inflows − outflows), what-ifs applied.</param>
/// <param name="StandardDeviation">Standard deviation of the measured net change per bucket.</param>
/// <param name="Flows">Each flow's contribution.</param>
/// <param name="Points">The projected buckets.</param>
public sealed record StockProjectionResult(string Stock, long Current, Period Period, int Measured, double MeanNet, double StandardDeviation, IReadOnlyList<FlowContribution> Flows, IReadOnlyList<ProjectionPoint> Points)
{
    /// <summary>The model in one sentence, for the page that shows it.</summary>
    public string Model =>
        $"Each coming {Period.ToString().ToLowerInvariant()} adds the mean of the measured inflows minus outflows per {Period.ToString().ToLowerInvariant()} " +
        $"over the last {Measured} (with any what-if factors applied); the band widens with the square root of the time ahead, by their standard deviation.";
}

/// <summary>
/// Projects a stock forward as a random walk whose steps are the net flow (inflows − outflows) per
/// bucket measured over a range of whole buckets; what-if factors scale chosen flows' moves.
/// </summary>
public sealed class StockProjection(PeriodCalendar calendar)
{
    /// <summary>
    /// Projects <paramref name="stock"/> <paramref name="ahead"/> buckets of <paramref name="period"/>
    /// from <paramref name="current"/>, with rates measured over the whole buckets in
    /// [<paramref name="from"/>, <paramref name="to"/>); <paramref name="factors"/> multiplies a flow's
    /// moves (by slug; e.g. cooling → 0.9 for "cooling −10 %").
    /// </summary>
    public async Task<StockProjectionResult> ProjectAsync(
        DbContext db, StockAndFlowModel model, Stock stock, long current, Period period, DateTime from, DateTime to, int ahead,
        IReadOnlyDictionary<string, double>? factors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentOutOfRangeException.ThrowIfLessThan(ahead, 1);
        factors ??= new Dictionary<string, double>();

        // Whole buckets only: the open one would read as a slow period.
        var end = calendar.BucketStart(to, period);
        var buckets = calendar.Buckets(from, end, period).ToList();
        var flows = model.Flows.Where(f => f.Sinks.Contains(stock) || f.Sources.Contains(stock)).ToList();
        var slugs = flows.Select(f => f.Slug).ToList();
        var start = buckets.Count == 0 ? end : buckets[0];
        var moves = slugs.Count == 0 ? [] : await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => slugs.Contains(e.Flow) && (e.Sink == stock.Slug || e.Source == stock.Slug) && e.Sink != e.Source && e.OccurredAt >= start && e.OccurredAt < end)
            .Select(e => new { e.Flow, In = e.Sink == stock.Slug, e.OccurredAt })
            .ToListAsync(cancellationToken);

        var index = buckets.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
        var net = new double[buckets.Count];
        var contributions = new List<FlowContribution>();
        foreach (var flow in flows)
        {
            var factor = factors.GetValueOrDefault(flow.Slug, 1d);
            var ins = moves.Count(m => m.Flow == flow.Slug && m.In);
            var outs = moves.Count(m => m.Flow == flow.Slug && !m.In);
            foreach (var move in moves.Where(m => m.Flow == flow.Slug))
            {
                net[index[calendar.BucketStart(move.OccurredAt, period)]] += (move.In ? 1 : -1) * factor;
            }

            contributions.Add(new FlowContribution(flow.Slug, flow.Name, Mean(ins, buckets.Count) * factor, Mean(outs, buckets.Count) * factor, factor));
        }

        var mean = net.Length == 0 ? 0 : net.Average();
        var deviation = net.Length < 2 ? 0 : Math.Sqrt(net.Sum(n => (n - mean) * (n - mean)) / (net.Length - 1));
        var points = new List<ProjectionPoint>();
        var bucket = calendar.BucketStart(to, period);
        for (var k = 1; k <= ahead; k++)
        {
            var expected = current + (k * mean);
            var band = Math.Sqrt(k) * deviation;
            points.Add(new ProjectionPoint(bucket, expected, Math.Max(0, expected - band), expected + band));
            bucket = calendar.NextBucketStart(bucket, period);
        }

        return new StockProjectionResult(stock.Slug, current, period, buckets.Count, mean, deviation, contributions, points);
    }

    private static double Mean(int total, int buckets) => buckets == 0 ? 0 : (double)total / buckets;
}
