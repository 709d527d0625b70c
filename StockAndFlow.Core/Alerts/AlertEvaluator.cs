using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StockAndFlow.Reading;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;

namespace StockAndFlow.Alerts;

/// <summary>An alert as last evaluated.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Firing">Whether its condition holds.</param>
/// <param name="Value">The measured value, or null when there was nothing to measure against (no baseline).</param>
/// <param name="Message">What was found, in words.</param>
public sealed record AlertState(AlertDefinition Alert, bool Firing, double? Value, string Message);

/// <summary>
/// Evaluates every declared alert against the live counts (the last recount plus the writes since) and the flow events, keeps one incident per
/// time an alert held (opened when it starts, closed when it stops), and sends a notice to every
/// <see cref="IAlertSink"/> on each change. Running it twice finds the incidents already open or closed.
/// </summary>
public sealed partial class AlertEvaluator(StockAndFlowModel model, LiveCounts counts, PeriodCalendar calendar, TimeProvider time, IEnumerable<IAlertSink> sinks, ILogger<AlertEvaluator> logger)
{
    /// <summary>Evaluates every alert now; returns their states.</summary>
    public async Task<IReadOnlyList<AlertState>> EvaluateAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var states = new List<AlertState>();
        foreach (var alert in model.Alerts)
        {
            var state = await MeasureAsync(db, alert, now, cancellationToken);
            states.Add(state);
            var open = await db.Set<AlertIncident>().Where(i => i.Alert == alert.Slug && i.ResolvedAt == null).OrderBy(i => i.Id).FirstOrDefaultAsync(cancellationToken);
            if (state.Firing && open is null)
            {
                db.Add(new AlertIncident { Alert = alert.Slug, FiredAt = now, Value = state.Value ?? 0, Message = Truncate(state.Message) });
                await db.SaveChangesAsync(cancellationToken);
                LogFired(logger, alert.Slug, state.Message);
                await NotifyAsync(new AlertNotice(alert, true, state.Value ?? 0, state.Message, now), cancellationToken);
            }
            else if (!state.Firing && open is not null)
            {
                open.ResolvedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                LogResolved(logger, alert.Slug, state.Message);
                await NotifyAsync(new AlertNotice(alert, false, state.Value ?? 0, state.Message, now), cancellationToken);
            }
        }

        return states;
    }

    private async Task<AlertState> MeasureAsync(DbContext db, AlertDefinition alert, DateTime now, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (alert.Condition)
        {
            case AlertCondition.StockBelow or AlertCondition.StockAbove:
            {
                var count = (await counts.TotalsAsync(db, [alert.Stock!], cancellationToken))[0];
                var firing = alert.Condition == AlertCondition.StockBelow ? count < alert.Threshold : count > alert.Threshold;
                return new AlertState(alert, firing, count, string.Create(inv, $"{alert.Stock!.Name}: {count} (the level is {alert.Threshold:0.##})."));
            }

            case AlertCondition.OutflowAboveInflow:
            {
                var end = calendar.BucketStart(now, alert.Period);
                var run = 0;
                for (var i = 0; i < alert.Periods; i++)
                {
                    var start = Previous(end, alert.Period);
                    var (ins, outs) = await MovesAsync(db, alert.Stock!, start, end, cancellationToken);
                    if (outs <= ins)
                    {
                        break;
                    }

                    run++;
                    end = start;
                }

                var unit = alert.Period.ToString().ToLowerInvariant();
                return new AlertState(alert, run == alert.Periods, run, string.Create(inv, $"{alert.Stock!.Name}: more left than entered in the last {run} whole {unit}(s) in a row."));
            }

            case AlertCondition.FlowOffWeekdayAverage:
            {
                var today = calendar.BucketStart(now, Period.Day);
                var yesterday = Previous(today, Period.Day);
                var moves = await FlowMovesAsync(db, alert.Flow!, yesterday, today, cancellationToken);
                var usual = new List<long>();
                for (var week = 1; week <= 4; week++)
                {
                    var day = calendar.StartOfLastDays(yesterday, (7 * week) + 1);
                    usual.Add(await FlowMovesAsync(db, alert.Flow!, day, calendar.NextBucketStart(day, Period.Day), cancellationToken));
                }

                var mean = usual.Average();
                if (mean == 0)
                {
                    return new AlertState(alert, false, null, string.Create(inv, $"{alert.Flow!.Name}: {moves} yesterday; none on the same weekday of the 4 weeks before, so no usual to compare with."));
                }

                var off = (moves - mean) / mean * 100;
                return new AlertState(alert, Math.Abs(off) > alert.Threshold, off, string.Create(inv, $"{alert.Flow!.Name}: {moves} yesterday against {mean:0.#} usually on that weekday ({off:+0;-0} %)."));
            }

            default:
            {
                var count = (await counts.TotalsAsync(db, [alert.Stock!], cancellationToken))[0];
                var end = calendar.BucketStart(now, Period.Day);
                var (ins, outs) = await MovesAsync(db, alert.Stock!, calendar.StartOfLastDays(Previous(end, Period.Day), 28), end, cancellationToken);
                var perDay = (ins - outs) / 28d;
                if (perDay >= 0)
                {
                    return new AlertState(alert, false, null, string.Create(inv, $"{alert.Stock!.Name}: {count}, growing by {perDay:0.#} a day over the last 28 days."));
                }

                var days = count / -perDay;
                return new AlertState(alert, days <= alert.Threshold, days, string.Create(inv, $"{alert.Stock!.Name}: {count}, shrinking by {-perDay:0.#} a day: empty in about {days:0} days."));
            }
        }
    }

    private DateTime Previous(DateTime bucketStart, Period period) =>
        calendar.BucketStart(bucketStart.AddTicks(-1), period);

    private static async Task<(long In, long Out)> MovesAsync(DbContext db, Stock stock, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var counts = await db.Set<FlowEvent>().AsNoTracking()
            .Where(e => (e.Sink == stock.Slug || e.Source == stock.Slug) && e.Sink != e.Source && e.SubjectType == stock.EntityType.Name && e.OccurredAt >= from && e.OccurredAt < to)
            .GroupBy(e => e.Sink == stock.Slug)
            .Select(g => new { In = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return (counts.Where(c => c.In).Sum(c => c.Count), counts.Where(c => !c.In).Sum(c => c.Count));
    }

    private static Task<long> FlowMovesAsync(DbContext db, Flow flow, DateTime from, DateTime to, CancellationToken cancellationToken) =>
        db.Set<FlowEvent>().AsNoTracking().LongCountAsync(e => e.Flow == flow.Slug && e.OccurredAt >= from && e.OccurredAt < to, cancellationToken);

    private async Task NotifyAsync(AlertNotice notice, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            try
            {
                await sink.SendAsync(notice, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSinkFailed(logger, ex, sink.GetType().Name, notice.Alert.Slug);
            }
        }
    }

    private static string Truncate(string message) => message.Length <= 500 ? message : message[..500];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Alert} fired: {Message}")]
    private static partial void LogFired(ILogger logger, string alert, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Alert} resolved: {Message}")]
    private static partial void LogResolved(ILogger logger, string alert, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert sink {Sink} failed to send {Alert}; the other sinks were called.")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink, string alert);
}
