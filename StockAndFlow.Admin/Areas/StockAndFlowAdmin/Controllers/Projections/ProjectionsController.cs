using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Projections;

/// <summary>A stock projected ahead from its measured flows, with what-ifs on each flow.</summary>
public sealed class ProjectionsController(AdminReadModel read) : AdminController
{
    [HttpGet]
    public IActionResult Show(string slug)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return NotFoundPage("stock", slug);
        }

        var flows = read.Model.Flows.Where(f => f.Sinks.Contains(stock) || f.Sources.Contains(stock)).ToList();
        return View(new ProjectionPage(stock, flows));
    }
}

/// <summary>What the projection page needs to draw its form; the numbers come from the projection API.</summary>
public sealed record ProjectionPage(Stock Stock, IReadOnlyList<Flow> Flows);
