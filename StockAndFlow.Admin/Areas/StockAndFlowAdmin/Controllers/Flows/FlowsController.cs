using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Records;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Flows;

/// <summary>A flow's page.</summary>
public sealed class FlowsController(AdminReadModel read) : AdminController
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
        var events = Db.Set<FlowEvent>().AsNoTracking().Where(e => e.Flow == flow.Slug);
        var total = await events.LongCountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var process = read.Model.Processes.FirstOrDefault(p => p.Flows.Contains(flow));
        return View(new FlowPage(flow, [.. flow.Sources.Select(FlowEnd.Of)], [.. flow.Sinks.Select(FlowEnd.Of)], range, FlowRecordUpdater.FacetsOf(flow), rows, total, page, pageSize, process));
    }
}
