using StockAndFlow.Storage;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StockAndFlow.Actions;
using StockAndFlow.Counting;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Web.Demo;

/// <summary>
/// On first run against an empty database, plays a year of the demo SaaS through the real engine on
/// the <see cref="DemoClock"/>, ending just before the real "now": each simulated day's activity is
/// saved through the DbContext (so capture records its flow events), then every decay rule runs and
/// every stock is snapshotted, as the recurring jobs would; flow records are built once at the end.
/// </summary>
/// <remarks>
/// The whole year is one transaction: a start-up interrupted while seeding leaves the database empty,
/// and the next start seeds again instead of showing a partial history. It also spares SQLite a
/// synchronous commit per save: with one commit per save, seeding took twice as long (benchmark P6).
/// </remarks>
public sealed partial class DemoSeeder(
    StockAndFlowModel model,
    StockCounter counter,
    StockSnapshotter snapshotter,
    DecayRunner decay,
    ActionRunner actions,
    FlowRecordUpdater flowRecords,
    PeriodCalendar calendar,
    TimeProvider time,
    IOptions<DemoOptions> options,
    ILogger<DemoSeeder> logger)
{
    /// <summary>What every random draw starts from, so each first run plays the same business.</summary>
    public const int RandomSeed = 20261122;

    /// <summary>Every this many days of history, the demo's operator re-contacts a set of cold leads.</summary>
    public const int DaysBetweenActions = 10;

    /// <summary>Who runs the history's bulk actions: the demo's admin.</summary>
    public const string Operator = "admin@stockandflow.local";

    public async Task SeedIfEmptyAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Customers.AnyAsync(cancellationToken) || await db.Leads.AnyAsync(cancellationToken))
        {
            return;
        }

        var clock = time as DemoClock ?? throw new InvalidOperationException(
            $"The demo history is played on {nameof(DemoClock)}, but the app's {nameof(TimeProvider)} is {time.GetType().Name}. " +
            $"Register the demo with services.{nameof(DemoServiceCollectionExtensions.AddDemo)}() and do not replace the {nameof(TimeProvider)} afterwards.");
        var elapsed = Stopwatch.StartNew();
        var days = DemoDay.EndingAt(calendar, clock.RealUtcNow.UtcDateTime, options.Value.HistoryDays);
        var months = days.Select(d => d.Month).Distinct().ToList();
        LogStarting(logger, days.Count, days[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var history = new DemoHistory(clock, new Random(RandomSeed));
        var timings = new DemoTimings();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var day in days)
            {
                if (day.Index == 0 || day.Month != days[day.Index - 1].Month)
                {
                    LogProgress(logger, day.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), months.IndexOf(day.Month) + 1, months.Count);
                }

                var next = day.Index + 1 < days.Count ? days[day.Index + 1] : null;
                var started = Stopwatch.GetTimestamp();
                await history.PlayAsync(db, day, (double)day.Index / Math.Max(1, days.Count - 1), cancellationToken);
                timings.Activity += Stopwatch.GetElapsedTime(started);
                await EndDayAsync(db, clock, day, next, timings, cancellationToken);
            }

            // Committed while the clock still replays, so flow handlers dispatched on commit know the
            // events are history (NotifyOwner stays quiet about a year of past re-engagements).
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            clock.UseRealTime();
        }

        var updating = Stopwatch.GetTimestamp();
        await flowRecords.UpdateAsync(db, cancellationToken);
        timings.FlowRecords = Stopwatch.GetElapsedTime(updating);
        var events = await db.Set<FlowEvent>().LongCountAsync(cancellationToken);
        LogSeeded(logger, days.Count, elapsed.Elapsed.TotalSeconds, history.Customers, history.LeadsCreated, history.Orders, events);
        LogTimings(logger, timings.Activity.TotalSeconds, timings.Decay.TotalSeconds, timings.Snapshots.TotalSeconds, timings.FlowRecords.TotalSeconds);
    }

    /// <summary>What the recurring jobs do: run each decay rule, then count every stock, after the day's activity.</summary>
    private async Task EndDayAsync(ShopDbContext db, DemoClock clock, DemoDay day, DemoDay? next, DemoTimings timings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (day.Index % DaysBetweenActions == DaysBetweenActions - 1)
        {
            await ActAsync(db, clock, day, cancellationToken);
        }

        clock.SetSimulatedTime(day.DecayAt);
        foreach (var rule in model.DecayRules)
        {
            await decay.RunAsync(db, rule, cancellationToken);
        }

        timings.Decay += Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        clock.SetSimulatedTime(day.SnapshotAt);
        if (PeriodsToWrite(day, next) is { Count: > 0 } periods)
        {
            await new StockSnapshotter(counter, calendar, periods).SnapshotAsync(db, model.Stocks, day.SnapshotAt, cancellationToken);
        }

        db.ChangeTracker.Clear();
        timings.Snapshots += Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// What an operator does from the admin now and then: "Mark as contacted" on the cold leads of one
    /// source, recorded in the audit log as the admin would, so the charts have actions to mark.
    /// </summary>
    private async Task ActAsync(ShopDbContext db, DemoClock clock, DemoDay day, CancellationToken cancellationToken)
    {
        if (model.FindAction("mark-contacted") is not { } action || model.FindStock("cold-leads") is not { } cold)
        {
            return;
        }

        string[] sources = ["web", "referral", "event", "ads"];
        var selection = new MemberSelection(Facet: "source", Value: sources[day.Index / DaysBetweenActions % sources.Length]);
        clock.SetSimulatedTime(day.At(1)); // after the day's activity, before its decay
        var at = time.GetUtcNow().UtcDateTime;
        var result = await actions.ExecuteAsync(db, action, cold, selection, cancellationToken: cancellationToken);
        var execution = new ActionExecution
        {
            Action = action.Slug,
            Stock = cold.Slug,
            Filter = selection.Describe(),
            FilterJson = System.Text.Json.JsonSerializer.Serialize(selection),
            User = Operator,
            Status = ActionExecutionStatus.Succeeded,
            RequestedAt = at,
            FinishedAt = time.GetUtcNow().UtcDateTime,
            Selected = result.Selected,
            Processed = result.Selected,
            Affected = result.Selected,
        };
        db.Add(execution);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(execution).State = EntityState.Detached;
    }

    /// <summary>
    /// The configured snapshot periods worth writing after <paramref name="day"/>. A bucket keeps the last
    /// snapshot taken in it, so week, month and year records are written on the last simulated day of
    /// their bucket only: the records a write every day would leave, written once (writing all five
    /// periods daily tripled the seeding time). The history has one snapshot a day, not one an hour, so
    /// hour records are written for the last day only, where the live hourly series continues.
    /// </summary>
    private List<Period> PeriodsToWrite(DemoDay day, DemoDay? next) =>
    [
        .. snapshotter.Periods.Where(period => period switch
        {
            Period.Day => true,
            Period.Hour => next is null,
            _ => next is null || calendar.BucketStart(next.Start, period) != calendar.BucketStart(day.Start, period),
        }),
    ];

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding {Days} days of demo history, {From} to {To}, on a simulated clock…")]
    private static partial void LogStarting(ILogger logger, int days, string from, string to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding demo history: {Month} ({Index}/{Count})…")]
    private static partial void LogProgress(ILogger logger, string month, int index, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Days} days of demo history in {Seconds:0.0} s: {Customers} customers, {Leads} leads, {Orders} orders, {Events} flow events.")]
    private static partial void LogSeeded(ILogger logger, int days, double seconds, int customers, int leads, int orders, long events);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo history time: activity {Activity:0.0} s, decay {Decay:0.0} s, snapshots {Snapshots:0.0} s, flow records {FlowRecords:0.0} s.")]
    private static partial void LogTimings(ILogger logger, double activity, double decay, double snapshots, double flowRecords);

    private sealed class DemoTimings
    {
        public TimeSpan Activity { get; set; }

        public TimeSpan Decay { get; set; }

        public TimeSpan Snapshots { get; set; }

        public TimeSpan FlowRecords { get; set; }
    }
}
