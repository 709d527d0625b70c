using System.ComponentModel.DataAnnotations;

namespace StockAndFlow.Web.Demo;

/// <summary>The <c>StockAndFlow:Demo</c> section: how much history the first run plays.</summary>
public sealed class DemoOptions
{
    public const string Section = "StockAndFlow:Demo";

    /// <summary>
    /// Days of history played into an empty database, ending now. Default 365; functional tests that do
    /// not look at the history can set a few days to start faster.
    /// </summary>
    [Range(1, 3660)]
    public int HistoryDays { get; set; } = 365;
}
