using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;

/// <summary>A stock's page and its members.</summary>
public sealed class StocksController(AdminReadModel read, StockReader stocks, EntityRows entities) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return NotFoundPage("stock", slug);
        }

        var range = RangeState.Parse(Request, read);
        var detail = await read.StockAsync(stock, cancellationToken);
        return View(StockPage.Build(read.Model, detail, range));
    }

    [HttpGet]
    public async Task<IActionResult> Members(string slug, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return NotFoundPage("stock", slug);
        }

        var request = MembersRequest.Parse(Request);
        var rows = await stocks.MembersAsync(stock, request, cancellationToken);
        var counts = await stocks.CountAsync(stock, cancellationToken);
        var actions = ActionInfo.On(read.Model, stock);
        var state = MembersState.From(request) with { Sort = rows.Sort, Descending = rows.Descending };
        var columns = entities.ColumnsOf(stock);
        var cells = await entities.CellsAsync(stock.EntityType, columns, rows.Rows.Select(r => r.Key), cancellationToken);
        return View(new MembersPage(stock, rows, state, counts.Facets, actions, columns, cells));
    }
}
