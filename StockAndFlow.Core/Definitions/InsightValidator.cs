using StockAndFlow.Definitions;

namespace StockAndFlow.Definitions;

internal static class InsightValidator
{
    public static void Validate(IReadOnlyList<InsightDefinition> insights)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var insight in insights)
        {
            if (!InsightDefinition.Kebab().IsMatch(insight.Slug))
            {
                throw new StockAndFlowDefinitionException($"The insight slug '{insight.Slug}' ({DefinitionValidator.By(insight.DefinedBy)}) is not kebab-case, e.g. 'customer-count'.");
            }

            if (!seen.Add(insight.Slug))
            {
                throw new StockAndFlowDefinitionException($"Duplicate insight slug '{insight.Slug}' ({DefinitionValidator.By(insight.DefinedBy)}); rename one.");
            }

            if (string.IsNullOrWhiteSpace(insight.Question))
            {
                throw new StockAndFlowDefinitionException($"Insight '{insight.Slug}' ({DefinitionValidator.By(insight.DefinedBy)}) needs a question.");
            }
        }
    }
}
