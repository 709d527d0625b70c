namespace StockAndFlow.Benchmarks.Records;

/// <summary>A clock stopped at one instant, so the open bucket of a series is the same on every run.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
