namespace StockAndFlow.Benchmarks.Model;

/// <summary>A subscriber of a small SaaS: the rows the benchmarks count and move.</summary>
public sealed class Member
{
    public long Id { get; set; }

    public MemberStatus Status { get; set; }

    public string Region { get; set; } = "";

    public string Plan { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
