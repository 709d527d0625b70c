using StockAndFlow.Reading;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using StockAndFlow.Admin.Api;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>
/// Base of the admin's page controllers: the area, and errors as answers —
/// an unknown slug renders the 404 page, bad query input (the API's own parsers throw) the 400 page.
/// Every POST is checked for its antiforgery token here, whatever filters the host adds.
/// </summary>
[Area(AdminRoutes.Area)]
[AutoValidateAntiforgeryToken]
public abstract class AdminController : Controller
{
    public override void OnActionExecuted(ActionExecutedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context is { Exception: AdminBadRequestException or MemberQueryException, ExceptionHandled: false })
        {
            var parameter = context.Exception is AdminBadRequestException bad ? bad.Parameter : "query";
            context.Result = ProblemPage(StatusCodes.Status400BadRequest, $"Invalid '{parameter}'", context.Exception.Message);
            context.ExceptionHandled = true;
        }

        base.OnActionExecuted(context);
    }

    protected ViewResult NotFoundPage(string what, string slug) =>
        ProblemPage(StatusCodes.Status404NotFound, $"Unknown {what}", $"There is no {what} '{slug}'.");

    protected ViewResult ProblemPage(int status, string title, string detail)
    {
        var view = View("Problem", new AdminProblem(status, title, detail));
        view.StatusCode = status;
        return view;
    }
}

/// <summary>What the 404 and 400 pages show.</summary>
public sealed record AdminProblem(int Status, string Title, string Detail);
