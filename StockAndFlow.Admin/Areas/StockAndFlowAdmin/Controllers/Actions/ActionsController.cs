using StockAndFlow.Reading;
using StockAndFlow.Storage;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Actions;
using StockAndFlow.Definitions;
using StockAndFlow.Jobs;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Actions;

/// <summary>
/// Bulk actions: the confirmation page (GET) and the run (POST) — inline up to
/// <see cref="ActionExecutions.InlineLimit"/> rows, as a background job beyond when the host has a
/// scheduler (inline when it has none) — then the execution's page, and the audit log of every execution.
/// </summary>
public sealed class ActionsController(
    StockAndFlowModel model,
    AdminReadModel read,
    MembersReader members,
    ExecutionsReader log,
    ActionExecutions executions,
    ActionProgress progress,
    AdminDatabase database,
    ActionPreviewer previewer,
    EntityRows entities,
    IStockAndFlowScheduler? scheduler = null) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Confirm(string slug, string actionSlug, CancellationToken cancellationToken)
    {
        if (Find(slug, actionSlug, out var stock, out var action) is { } notFound)
        {
            return notFound;
        }

        return View(await ConfirmPageAsync(action, MemberSource.Members(stock), cancellationToken));
    }

    [HttpPost]
    [ActionName(nameof(Confirm))]
    public async Task<IActionResult> ConfirmPostAsync(string slug, string actionSlug, CancellationToken cancellationToken)
    {
        if (Find(slug, actionSlug, out var stock, out var action) is { } notFound)
        {
            return notFound;
        }

        return await RunAsync(action, MemberSource.Members(stock), cancellationToken);
    }

    /// <summary>An action on a flow's movers over the range in the query string (resolved again when it runs).</summary>
    [HttpGet]
    public async Task<IActionResult> ConfirmMovers(string slug, string actionSlug, CancellationToken cancellationToken)
    {
        if (FindMovers(slug, actionSlug, out var source, out var action) is { } notFound)
        {
            return notFound;
        }

        return View(nameof(Confirm), await ConfirmPageAsync(action, source, cancellationToken));
    }

    [HttpPost]
    [ActionName(nameof(ConfirmMovers))]
    public async Task<IActionResult> ConfirmMoversPostAsync(string slug, string actionSlug, CancellationToken cancellationToken)
    {
        if (FindMovers(slug, actionSlug, out var source, out var action) is { } notFound)
        {
            return notFound;
        }

        return await RunAsync(action, source, cancellationToken);
    }

    [HttpGet]
    public async Task<IActionResult> Execution(long id, CancellationToken cancellationToken)
    {
        var execution = await log.FindAsync(id, cancellationToken);
        if (execution is null)
        {
            return NotFoundPage("execution", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var row = Row(execution);
        var (processed, selected) = progress.Of(id) ?? (execution.Processed, execution.Selected);
        return View(new ExecutionPage(execution, row.ActionName, row.StockName, row.StockExists, processed, selected) { Names = await NamesAsync(execution, cancellationToken), Movers = row.Movers });
    }

    [HttpGet]
    public async Task<IActionResult> Log(CancellationToken cancellationToken)
    {
        var (page, pageSize) = MembersRequest.ParsePage(Request);
        var total = await log.CountAsync(cancellationToken);
        var rows = await log.PageAsync(page, pageSize, cancellationToken);
        var named = new List<LogRow>();
        foreach (var execution in rows)
        {
            named.Add(Row(execution) with { Names = await NamesAsync(execution, cancellationToken) });
        }

        return View(new LogPage(named, total, page, pageSize));
    }

    // The ticked rows by their display names ("Dev Dubois, Eva Martin and 3 more"); null for a filter or when no name is declared.
    private async Task<string?> NamesAsync(ActionExecution execution, CancellationToken cancellationToken)
    {
        const int Shown = 5;
        if (System.Text.Json.JsonSerializer.Deserialize<MemberSelection>(execution.FilterJson) is not { Keys: { Count: > 0 } keys } selection
            || (selection.Movers is { } movers ? model.FindFlow(movers.Flow)?.EntityType : model.FindStock(execution.Stock)?.EntityType) is not { } entityType)
        {
            return null;
        }

        var names = await entities.NamesAsync(entityType, keys.Take(Shown), cancellationToken);
        if (names.Count == 0)
        {
            return null;
        }

        var list = string.Join(", ", keys.Take(Shown).Select(k => names.GetValueOrDefault(k, $"#{k}")));
        return keys.Count > Shown ? $"{list} and {keys.Count - Shown} more" : list;
    }

    private async Task<ConfirmPage> ConfirmPageAsync(StockAction action, MemberSource source, CancellationToken cancellationToken)
    {
        var (selection, all) = ParseSelection();
        var count = await members.CountSelectionAsync(action, source, selection, cancellationToken);
        var outflows = source.Stock is { } stock ? model.Flows.Where(f => f.Sources.Contains(stock)).ToList() : [];
        var query = Request.Query.Where(p => p.Key is "facet" or "value" or "null" or "search" or "key" or "all" || (source.Movers is not null && p.Key is "range" or "from" or "to")).ToList();
        var preview = await previewer.PreviewAsync(action, source, selection, count, cancellationToken);
        return new ConfirmPage(action, source, selection, all, count, outflows, query) { Preview = preview, Entity = model.EntityOf(source.EntityType) };
    }

    private async Task<IActionResult> RunAsync(StockAction action, MemberSource source, CancellationToken cancellationToken)
    {
        var (selection, _) = ParseSelection();
        var count = await members.CountSelectionAsync(action, source, selection, cancellationToken);
        var user = User.Identity?.Name ?? "unknown";
        var id = await executions.RequestAsync(database.Primary, action, source, selection, user, cancellationToken);
        if (count > ActionExecutions.InlineLimit && scheduler is not null)
        {
            scheduler.EnqueueAction(id);
        }
        else
        {
            // Not the request's token: a closed tab must not leave a half-recorded execution behind.
            await executions.RunAsync(id, CancellationToken.None);
        }

        return Redirect(Url.Execution(id));
    }

    private LogRow Row(ActionExecution execution)
    {
        var action = model.FindAction(execution.Action)?.Name ?? execution.Action;
        if (Movers(execution) is { } movers)
        {
            var flow = model.FindFlow(movers.Flow);
            return new LogRow(execution, action, $"Movers of {flow?.Name ?? movers.Flow}", StockExists: false) { Movers = flow is null ? null : movers };
        }

        var stock = model.FindStock(execution.Stock);
        return new LogRow(execution, action, stock?.Name ?? execution.Stock, stock is not null);
    }

    private static MoverScope? Movers(ActionExecution execution) =>
        System.Text.Json.JsonSerializer.Deserialize<MemberSelection>(execution.FilterJson)?.Movers;

    private ViewResult? FindMovers(string slug, string actionSlug, out MemberSource source, out StockAction action)
    {
        source = null!;
        action = null!;
        if (model.FindFlow(slug) is not { } flow)
        {
            return NotFoundPage("flow", slug);
        }

        if (model.FindAction(actionSlug) is not { } named || named.EntityType != flow.EntityType || named.Stocks.Count == 0)
        {
            return ProblemPage(StatusCodes.Status404NotFound, "Unknown action", $"The movers of flow '{slug}' have no action '{actionSlug}'.");
        }

        action = named;
        source = MembersReader.Movers(flow, RangeQuery.Parse(Request, read.Now, read.Calendar));
        return null;
    }

    private ViewResult? Find(string slug, string actionSlug, out Stock stock, out StockAction action)
    {
        stock = null!;
        action = null!;
        if (model.FindStock(slug) is not { } found)
        {
            return NotFoundPage("stock", slug);
        }

        stock = found;
        if (model.FindAction(actionSlug) is not { } named || !named.Stocks.Contains(found))
        {
            return ProblemPage(StatusCodes.Status404NotFound, "Unknown action", $"Stock '{slug}' has no action '{actionSlug}'.");
        }

        action = named;
        return null;
    }

    /// <summary>
    /// The rows an action applies to, from the query string: ticked rows (<c>key</c>, within the filter)
    /// or, with <c>all=1</c>, every member matching the filter. Neither is a 400, never "everything".
    /// </summary>
    private (MemberSelection Selection, bool All) ParseSelection()
    {
        var request = MembersRequest.Parse(Request);
        var all = Request.Query["all"] is { Count: > 0 } a && a.ToString() is "1" or "true";
        if (all)
        {
            return (request.Selection with { Keys = null }, true);
        }

        if (request.Selection.Keys is not { Count: > 0 })
        {
            throw new AdminBadRequestException("key", "Nothing is selected: tick rows (key=…) or choose all members matching the filter (all=1).");
        }

        return (request.Selection, false);
    }
}
