using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Counting;
using StockAndFlow.Members;
using StockAndFlow.Admin.Api;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Stocks;

/// <summary>A stock's page and its members.</summary>
public sealed class StocksController(AdminReadModel read, StockCounter counter) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (read.Model.FindStock(slug) is not { } stock)
        {
            return NotFoundPage("stock", slug);
        }

        var range = RangeState.Parse(Request, read);
        var detail = await read.StockAsync(Db, stock, cancellationToken);
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
        var rows = await MemberQuery.PageAsync(Db, stock, request.Selection, request.Sort, request.Descending, request.Page, request.PageSize, cancellationToken);
        var counts = (await counter.CountAsync(Db, [stock], cancellationToken))[0];
        var actions = read.Model.ActionsOn(stock).Select(a => new ActionInfo(a.Slug, a.Name, a.Description, a.IsSetBased)).ToList();
        var state = MembersState.From(request) with { Sort = rows.Sort, Descending = rows.Descending };
        return View(new MembersPage(stock, rows, state, counts.Facets, actions));
    }
}
