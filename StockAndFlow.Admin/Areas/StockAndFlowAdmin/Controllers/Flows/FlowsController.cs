using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Flows;

/// <summary>A flow's page and who moved along it.</summary>
public sealed class FlowsController(AdminReadModel read, FlowReader flows, MembersReader members, EntityRows entities) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (read.Model.FindFlow(slug) is not { } flow)
        {
            return NotFoundPage("flow", slug);
        }

        var range = RangeState.Parse(Request, read);
        var (page, pageSize) = MembersRequest.ParsePage(Request);
        var events = await flows.EventsAsync(flow, page, pageSize, cancellationToken);
        var process = read.Model.Processes.FirstOrDefault(p => p.Flows.Contains(flow));
        var names = await entities.NamesAsync(flow.EntityType, events.Events.Select(e => e.SubjectKey), cancellationToken);
        return View(new FlowPage(flow, [.. flow.Sources.Select(FlowEnd.Of)], [.. flow.Sinks.Select(FlowEnd.Of)], range, flow.StockFacets, events.Events, events.Total, page, pageSize, process)
        {
            Names = names,
            Entity = read.Model.EntityOf(flow.EntityType),
        });
    }

    [HttpGet]
    public async Task<IActionResult> Movers(string slug, CancellationToken cancellationToken)
    {
        if (read.Model.FindFlow(slug) is not { } flow)
        {
            return NotFoundPage("flow", slug);
        }

        var range = RangeState.Parse(Request, read);
        var source = MembersReader.Movers(flow, RangeQuery.Parse(Request, read.Now, read.Calendar));
        var request = MembersRequest.Parse(Request);
        var rows = await members.PageAsync(source, request, cancellationToken);
        var facets = await members.FacetsAsync(source, cancellationToken);
        var state = MembersState.From(request) with { Sort = rows.Sort, Descending = rows.Descending };
        var columns = entities.ColumnsOf(source);
        var cells = await entities.CellsAsync(flow.EntityType, columns, rows.Rows.Select(r => r.Key), cancellationToken);
        return View(new MoversPage(flow, source, range, rows, state, facets, ActionInfo.On(read.Model, source), columns, cells) { Entity = read.Model.EntityOf(flow.EntityType) });
    }
}
