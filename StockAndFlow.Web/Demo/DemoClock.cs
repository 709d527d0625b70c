namespace StockAndFlow.Web.Demo;

/// <summary>
/// The app's <see cref="TimeProvider"/>: real time, except while <see cref="DemoSeeder"/> replays the
/// demo history, when it returns the simulated instant the seeder sets. The engine stamps flow events,
/// decay cutoffs and record instants with this clock, so the replayed year is captured exactly as a
/// live year would be. Timers and timestamps are always real.
/// </summary>
public sealed class DemoClock(TimeProvider real) : TimeProvider
{
    // Ticks of the simulated UTC instant; 0 while the clock shows real time.
    private long _simulatedTicks;

    /// <summary>True while the demo history is being replayed.</summary>
    public bool IsReplaying => Volatile.Read(ref _simulatedTicks) != 0;

    /// <summary>The real time, even while replaying.</summary>
    public DateTimeOffset RealUtcNow => real.GetUtcNow();

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => real.TimestampFrequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var ticks = Volatile.Read(ref _simulatedTicks);
        return ticks == 0 ? real.GetUtcNow() : new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override long GetTimestamp() => real.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Shows <paramref name="utc"/> until the next call or <see cref="UseRealTime"/>.</summary>
    public void SetSimulatedTime(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("The simulated instant must be UTC.", nameof(utc));
        }

        Volatile.Write(ref _simulatedTicks, Math.Max(1, utc.Ticks));
    }

    /// <summary>Returns to real time.</summary>
    public void UseRealTime() => Volatile.Write(ref _simulatedTicks, 0);
}
