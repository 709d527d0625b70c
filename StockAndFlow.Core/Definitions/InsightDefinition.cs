using StockAndFlow.Storage;
using System.Text.RegularExpressions;

namespace StockAndFlow.Definitions;

/// <summary>
/// A metric declared next to application code as a question (the django-insights way): counter, gauge,
/// timeseries, scatter, bar or horizontal bar. Collected by a job, each in isolation, every run kept.
/// </summary>
public sealed partial class InsightDefinition
{
    private InsightDefinition(string slug, InsightKind kind, string question, Func<InsightContext, CancellationToken, Task<InsightAnswer>> collect)
    {
        Slug = slug;
        Kind = kind;
        Question = question;
        Collect = collect;
    }

    /// <summary>Kebab-case identifier.</summary>
    public string Slug { get; }

    /// <summary>The kind of answer.</summary>
    public InsightKind Kind { get; }

    /// <summary>The question, e.g. "How many customers are there?".</summary>
    public string Question { get; }

    /// <summary>Optional longer text.</summary>
    public string? Description { get; private set; }

    /// <summary>Optional x axis label for charts.</summary>
    public string? XLabel { get; private set; }

    /// <summary>Optional y axis label for charts.</summary>
    public string? YLabel { get; private set; }

    internal string? DefinedBy { get; set; }

    /// <summary>Sets the description.</summary>
    public InsightDefinition Describe(string description)
    {
        Description = description;
        return this;
    }

    /// <summary>Sets the axis labels of a chart insight.</summary>
    public InsightDefinition Labeled(string? x, string? y)
    {
        XLabel = x;
        YLabel = y;
        return this;
    }

    internal Func<InsightContext, CancellationToken, Task<InsightAnswer>> Collect { get; }

    /// <summary>A counter: a whole number.</summary>
    public static InsightDefinition Counter(string slug, string question, Func<InsightContext, CancellationToken, Task<long>> collect) =>
        new(slug, InsightKind.Counter, question, async (c, ct) => new InsightAnswer(await collect(c, ct), null, []));

    /// <summary>A gauge: a decimal (null when there is no data).</summary>
    public static InsightDefinition Gauge(string slug, string question, Func<InsightContext, CancellationToken, Task<decimal?>> collect) =>
        new(slug, InsightKind.Gauge, question, async (c, ct) => new InsightAnswer(null, await collect(c, ct), []));

    /// <summary>A timeseries: (instant, value) points.</summary>
    public static InsightDefinition Timeseries(string slug, string question, Func<InsightContext, CancellationToken, Task<IEnumerable<(DateTime At, decimal Value)>>> collect) =>
        new(slug, InsightKind.Timeseries, question, async (c, ct) => new InsightAnswer(null, null, [.. (await collect(c, ct)).OrderBy(p => p.At).Select(p => new InsightPoint(null, p.Value, null, DateTime.SpecifyKind(p.At, DateTimeKind.Utc)))]));

    /// <summary>A scatter plot: (x, y, category) points, one series per category.</summary>
    public static InsightDefinition Scatter(string slug, string question, Func<InsightContext, CancellationToken, Task<IEnumerable<(decimal X, decimal Y, string Category)>>> collect) =>
        new(slug, InsightKind.Scatter, question, async (c, ct) => new InsightAnswer(null, null, [.. (await collect(c, ct)).Select(p => new InsightPoint(p.X, p.Y, p.Category))]));

    /// <summary>A bar chart: (category, value) bars.</summary>
    public static InsightDefinition Bar(string slug, string question, Func<InsightContext, CancellationToken, Task<IEnumerable<(string Category, decimal Value)>>> collect) =>
        new(slug, InsightKind.Bar, question, async (c, ct) => new InsightAnswer(null, null, [.. (await collect(c, ct)).Select(p => new InsightPoint(null, p.Value, p.Category))]));

    /// <summary>A horizontal bar chart: (category, value) bars.</summary>
    public static InsightDefinition HorizontalBar(string slug, string question, Func<InsightContext, CancellationToken, Task<IEnumerable<(string Category, decimal Value)>>> collect) =>
        new(slug, InsightKind.HorizontalBar, question, async (c, ct) => new InsightAnswer(null, null, [.. (await collect(c, ct)).Select(p => new InsightPoint(null, p.Value, p.Category))]));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex Kebab();
}

/// <summary>An insight's answer: a counter, a gauge, or chart points.</summary>
public sealed record InsightAnswer(long? Counter, decimal? Gauge, IReadOnlyList<InsightPoint> Points);
