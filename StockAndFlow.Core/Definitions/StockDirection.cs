namespace StockAndFlow.Definitions;

/// <summary>Which way a stock should move: decides whether a change reads as good news or bad.</summary>
public enum StockDirection
{
    /// <summary>Growth is good (active customers): a rise shows green, a fall red. The default.</summary>
    HigherIsBetter = 0,

    /// <summary>Growth is bad (churned customers, open tickets): a rise shows red, a fall green.</summary>
    LowerIsBetter = 1,

    /// <summary>Neither way is good or bad (leads waiting in a queue): changes show without colour.</summary>
    Neutral = 2,
}
