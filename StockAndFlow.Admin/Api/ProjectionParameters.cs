using System.Globalization;
using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Api;

/// <summary>
/// <c>ahead</c> (buckets to project, 1–104, default 12) and <c>whatIf</c> (repeatable <c>flow:±percent</c>,
/// e.g. <c>cooling:-10</c>), as given; <see cref="Parse"/> validates them against the stock's flows.
/// </summary>
public sealed record ProjectionParameters(string? Ahead, string[]? WhatIf)
{
    public const int DefaultAhead = 12;

    /// <summary>Reads them from a page's query string.</summary>
    public static ProjectionParameters Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new ProjectionParameters(query["ahead"], [.. query["whatIf"].Where(v => v is not null).Select(v => v!)]);
    }

    /// <summary>The buckets ahead and each flow's factor (1 + percent / 100).</summary>
    public (int Ahead, IReadOnlyDictionary<string, double> Factors) Parse(Stock stock, StockAndFlowModel model)
    {
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(model);
        var ahead = DefaultAhead;
        if (!string.IsNullOrEmpty(Ahead) && (!int.TryParse(Ahead, NumberStyles.None, CultureInfo.InvariantCulture, out ahead) || ahead is < 1 or > 104))
        {
            throw new AdminBadRequestException("ahead", $"'{Ahead}' is not a number of periods from 1 to 104.");
        }

        var flows = model.Flows.Where(f => f.Sinks.Contains(stock) || f.Sources.Contains(stock)).Select(f => f.Slug).ToHashSet(StringComparer.Ordinal);
        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in WhatIf ?? [])
        {
            var parts = item.Split(':', 2);
            if (parts.Length != 2 || !flows.Contains(parts[0]) || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent < -100 || percent > 1000)
            {
                throw new AdminBadRequestException("whatIf", $"'{item}' is not flow:percent for a flow of stock '{stock.Slug}' ({string.Join(", ", flows.Order(StringComparer.Ordinal))}), e.g. {flows.FirstOrDefault() ?? "cooling"}:-10.");
            }

            factors[parts[0]] = 1 + (percent / 100);
        }

        return (ahead, factors);
    }
}
