using StockAndFlow.Reading;
using Microsoft.Extensions.Primitives;
using StockAndFlow.Actions;
using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Actions;

/// <summary>What an action is about to do: to which stock, which selection, exactly how many rows.</summary>
public sealed record ConfirmPage(
    StockAction Action,
    Stock Stock,
    MemberSelection Selection,
    bool AllMatching,
    int Count,
    IReadOnlyList<Flow> Outflows,
    List<KeyValuePair<string, StringValues>> Query)
{
    public bool RunsInBackground => Count > ActionExecutions.InlineLimit;

    /// <summary>What the action would do now, rehearsed (set-based actions) or not (per-row ones).</summary>
    public Admin.Reading.ActionPreview Preview { get; init; } = new(Count, Computed: false, []);

    /// <summary>The words for the stock's rows ("lead", "leads").</summary>
    public EntityDeclaration Entity { get; init; } = EntityDeclaration.Default(Stock.EntityType);

    /// <summary>The selection in words, e.g. "all members of Hot leads whose source is web".</summary>
    public string SelectionInWords()
    {
        var words = Selection.Keys is { Count: > 0 } keys && !AllMatching
            ? $"the {keys.Count} selected {(keys.Count == 1 ? "row" : "rows")} of {Stock.Name}"
            : $"all members of {Stock.Name}";
        if (Selection.Facet is { } slug)
        {
            var facet = Stock.Facets.FirstOrDefault(f => f.Slug == slug)?.Name ?? slug;
            words += Selection.ValueIsNull ? $" that have no {facet}" : $" whose {facet} is “{Selection.Value}”";
        }

        if (!string.IsNullOrWhiteSpace(Selection.Search))
        {
            words += $"{(Selection.Facet is null ? "" : " and")} matching “{Selection.Search}”";
        }

        return words;
    }
}
