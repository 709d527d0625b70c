using System.Globalization;

namespace StockAndFlow.Reading;

/// <summary>
/// The movers of a flow: the rows with an event of <see cref="Flow"/> from <see cref="From"/>
/// (inclusive) to <see cref="To"/> (exclusive), UTC. <see cref="Label"/> names the flow's ends for the
/// audit log ("Hot leads → Cold leads"). Stored with a selection, so a run replays the same scope.
/// </summary>
public sealed record MoverScope(string Flow, DateTime From, DateTime To, string? Label = null)
{
    /// <summary>The scope in words, e.g. <c>movers of Hot leads → Cold leads, 2026-11-21..28</c>.</summary>
    public string Describe()
    {
        var last = To.TimeOfDay == TimeSpan.Zero && To > From ? To.AddDays(-1) : To;
        var end = last.Year != From.Year ? Day(last, "yyyy-MM-dd")
            : last.Month != From.Month ? Day(last, "MM-dd")
            : Day(last, "dd");
        return $"movers of {Label ?? Flow}, {Day(From, "yyyy-MM-dd")}..{end}";
    }

    private static string Day(DateTime time, string format) => time.ToString(format, CultureInfo.InvariantCulture);
}
