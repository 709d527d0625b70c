using Microsoft.AspNetCore.Mvc;

namespace StockAndFlow.Web.Controllers;

/// <summary>
/// The demo's landing page: what the demo is and a link to the admin. It shows no data — counts and
/// names are the admin's, behind its sign-in — so it is safe in every environment.
/// </summary>
public sealed class HomeController : Controller
{
    public IActionResult Index() => View();
}
