using Microsoft.AspNetCore.Http.HttpResults;

namespace StockAndFlow.Admin.Api;

/// <summary>Bad input to the admin: answered with 400 ProblemDetails naming the parameter.</summary>
public sealed class AdminBadRequestException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

/// <summary>ProblemDetails answers of the admin API.</summary>
internal static class AdminProblems
{
    public static ProblemHttpResult NotFound(string what, string slug) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}", detail: $"There is no {what} '{slug}'.");

    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Invalid '{parameter}'", detail: detail, extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
