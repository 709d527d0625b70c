namespace StockAndFlow.Benchmarks.Model;

/// <summary>The lifecycle field the benchmark stocks read; stored as an integer.</summary>
public enum MemberStatus
{
    Trial = 0,
    Active = 1,
    Paused = 2,
    Churned = 3,
}
