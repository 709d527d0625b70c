using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;
using StockAndFlow.Admin.Reading;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Alerts;

/// <summary>The alerts: which hold now, since when and why, and each one's history.</summary>
public sealed class AlertsController(AlertsReader alerts) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await alerts.AlertsAsync(10, cancellationToken));
}
