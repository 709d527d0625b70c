using StockAndFlow.Counting;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Flows;

/// <summary>A flow's page.</summary>
public sealed class FlowsController(AdminReadModel read, FlowReader flows, EntityRows entities) : AdminController
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
}
