using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Home;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Processes;

/// <summary>A process's page.</summary>
public sealed class ProcessesController(AdminReadModel read) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (read.Model.FindProcess(slug) is not { } process)
        {
            return NotFoundPage("process", slug);
        }

        var stocks = (await read.StocksAsync(cancellationToken)).ToDictionary(s => s.Slug, StringComparer.Ordinal);
        var flows = (await read.FlowsAsync(cancellationToken)).ToDictionary(f => f.Slug, StringComparer.Ordinal);
        return View(new ProcessPage(
            process,
            [.. process.Stocks.Where(s => stocks.ContainsKey(s.Slug)).Select(s => stocks[s.Slug])],
            [.. process.Flows.Where(f => flows.ContainsKey(f.Slug)).Select(f => HomePage.Row(read.Model, flows[f.Slug]))],
            RangeState.Parse(Request, read)));
    }
}
