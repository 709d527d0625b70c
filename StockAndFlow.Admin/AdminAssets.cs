using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace StockAndFlow.Admin;

/// <summary>
/// Serves the admin's own CSS, scripts and vendored libraries from the library's embedded copy of its
/// <c>wwwroot</c>, at the static-web-asset path <c>/_content/StockAndFlow.Admin/...</c>, so they load in
/// any environment and layout — <c>dotnet run</c>, build output in Production, publish — whatever the
/// host's static-file set-up. A host that serves static web assets itself answers first with the same files.
/// </summary>
internal static class AdminAssets
{
    public const string BasePath = "/_content/StockAndFlow.Admin";
    private const string ResourcePrefix = "StockAndFlow.Admin.wwwroot/";

    private static readonly Assembly Assembly = typeof(AdminAssets).Assembly;
    private static readonly HashSet<string> Names = new(Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)), StringComparer.Ordinal);
    private static readonly string ETag = $"\"{Assembly.ManifestModule.ModuleVersionId:N}\"";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointConventionBuilder MapAdminAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(BasePath + "/{**path}", Serve).AllowAnonymous().ExcludeFromDescription();

    private static IResult Serve(string? path, HttpContext http)
    {
        var name = ResourcePrefix + path;
        if (path is null || !Names.Contains(name))
        {
            return Results.NotFound();
        }

        var headers = http.Response.GetTypedHeaders();
        headers.CacheControl = http.Request.Query.ContainsKey("v")
            ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365) }
            : new CacheControlHeaderValue { NoCache = true };
        if (http.Request.Headers.IfNoneMatch == ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        http.Response.Headers.ETag = ETag;
        var contentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        return Results.Stream(Assembly.GetManifestResourceStream(name)!, contentType);
    }
}
