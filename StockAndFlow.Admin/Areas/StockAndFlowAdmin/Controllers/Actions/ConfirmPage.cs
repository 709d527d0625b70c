using StockAndFlow.Reading;
using Microsoft.Extensions.Primitives;
using StockAndFlow.Actions;
using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Actions;

/// <summary>What an action is about to do: to which stock's members or flow's movers, which selection, exactly how many rows.</summary>
public sealed record ConfirmPage(
    StockAction Action,
    MemberSource Source,
    MemberSelection Selection,
    bool AllMatching,
    int Count,
    IReadOnlyList<Flow> Outflows,
    List<KeyValuePair<string, StringValues>> Query)
{
    public bool RunsInBackground => Count > ActionExecutions.InlineLimit;

    /// <summary>The stock, for an action on its members; null for one on a flow's movers.</summary>
    public Stock? Stock => Source.Stock;

    /// <summary>What the action would do now, rehearsed (set-based actions) or not (per-row ones).</summary>
    public Admin.Reading.ActionPreview Preview { get; init; } = new(Count, Computed: false, []);

    /// <summary>The words for the rows ("lead", "leads").</summary>
    public EntityDeclaration Entity { get; init; } = EntityDeclaration.Default(Source.EntityType);

    /// <summary>Where the rows are: the stock's name, or for movers the action's stocks.</summary>
    public string Where => Stock?.Name ?? string.Join(", ", Action.Stocks.Select(s => s.Name));

    /// <summary>The selection in words, e.g. "all members of Hot leads whose source is web".</summary>
    public string SelectionInWords()
    {
        var rows = Stock is not null ? $"members of {Stock.Name}" : Source.Movers!.Describe();
        var words = Selection.Keys is { Count: > 0 } keys && !AllMatching
            ? $"the {keys.Count} selected {(keys.Count == 1 ? "row" : "rows")} of {(Stock is not null ? Stock.Name : $"the {rows}")}"
            : $"all {rows}";
        if (Selection.Facet is { } slug)
        {
            var facet = Source.Facets.FirstOrDefault(f => f.Slug == slug)?.Name ?? slug;
            words += Selection.ValueIsNull ? $" that have no {facet}" : $" whose {facet} is “{Selection.Value}”";
        }

        if (!string.IsNullOrWhiteSpace(Selection.Search))
        {
            words += $"{(Selection.Facet is null ? "" : " and")} matching “{Selection.Search}”";
        }

        return Stock is null ? $"{words}, that are in {Where} now" : words;
    }
}
