using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Counting;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Web.Controllers;

/// <summary>The demo's landing page: every stock's live count.</summary>
public sealed class HomeController(StockCounter counter, ShopDbContext db) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await counter.CountAllAsync(db, cancellationToken));
}
