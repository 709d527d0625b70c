using System.Text.RegularExpressions;
using StockAndFlow.Definitions;

namespace StockAndFlow.Definitions;

/// <summary>Reference ids are kebab or snake case, domains unique, metrics unique within their domain.</summary>
internal static partial class StatisticsValidator
{
    [GeneratedRegex("^[a-z0-9]+([-_][a-z0-9]+)*$")]
    private static partial Regex Reference();

    public static void Validate(IReadOnlyList<DomainDefinition> domains, IReadOnlyList<TrackerDefinition> trackers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var domain in domains)
        {
            Check(domain.Ref, $"domain '{domain.Ref}' ({DefinitionValidator.By(domain.DefinedBy)})");
            if (!seen.Add(domain.Ref))
            {
                throw new StockAndFlowDefinitionException($"Duplicate statistics domain '{domain.Ref}' ({DefinitionValidator.By(domain.DefinedBy)}); reference ids must be unique.");
            }

            var metrics = new HashSet<string>(StringComparer.Ordinal);
            foreach (var metric in domain.Metrics)
            {
                Check(metric.Ref, $"{metric} ({DefinitionValidator.By(domain.DefinedBy)})");
                if (!metrics.Add(metric.Ref))
                {
                    throw new StockAndFlowDefinitionException($"Duplicate {metric} ({DefinitionValidator.By(domain.DefinedBy)}); metric reference ids must be unique within their domain.");
                }
            }
        }

        var known = domains.SelectMany(d => d.Metrics).ToHashSet();
        foreach (var tracker in trackers.Where(t => !known.Contains(t.Metric)))
        {
            throw new StockAndFlowDefinitionException($"Tracker {tracker.Name} writes {tracker.Metric}, which is not declared on the same builder.");
        }
    }

    private static void Check(string reference, string what)
    {
        if (string.IsNullOrEmpty(reference) || !Reference().IsMatch(reference))
        {
            throw new StockAndFlowDefinitionException($"The reference id of {what} must be kebab or snake case, e.g. 'order-count' or 'order_count'.");
        }
    }
}
