using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Home;

/// <summary>The admin's index: every stock and flow, grouped by process.</summary>
public sealed class HomeController(AdminReadModel read) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var stocks = await read.StocksAsync(cancellationToken);
        var flows = await read.FlowsAsync(cancellationToken);
        return View(HomePage.Build(read.Model, stocks, flows));
    }
}
