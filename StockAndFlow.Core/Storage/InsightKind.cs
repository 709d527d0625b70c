namespace StockAndFlow.Storage;

/// <summary>The shape of an insight's answer.</summary>
public enum InsightKind
{
    /// <summary>A whole number ("How many authors are there?").</summary>
    Counter = 1,

    /// <summary>A decimal ("Average books per author?").</summary>
    Gauge = 2,

    /// <summary>(instant, value) points, drawn as a line.</summary>
    Timeseries = 3,

    /// <summary>(x, y, category) points, drawn with one series per category.</summary>
    Scatter = 4,

    /// <summary>(category, value) bars.</summary>
    Bar = 5,

    /// <summary>(category, value) horizontal bars.</summary>
    HorizontalBar = 6,
}
