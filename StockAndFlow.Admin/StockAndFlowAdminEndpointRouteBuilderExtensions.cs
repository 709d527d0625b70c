using Microsoft.Extensions.Options;
using StockAndFlow.Admin;
using StockAndFlow.Admin.Api;

#pragma warning disable IDE0130
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Mounts the StockAndFlow admin.</summary>
public static class StockAndFlowAdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the admin's pages and JSON API under <paramref name="prefix"/> (default <c>/stockandflow-admin</c>; the demo uses <c>/stockflow-admin</c>),
    /// each requiring the admin policy, and its assets at <c>/_content/StockAndFlow.Admin/</c> (anonymous,
    /// so a host's login page may use its Bootstrap too). Returns a builder for further conventions on the
    /// pages and API.
    /// </summary>
    public static IEndpointConventionBuilder MapStockAndFlowAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/stockandflow-admin")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (string.IsNullOrEmpty(prefix) || prefix[0] != '/')
        {
            throw new ArgumentException($"The admin path must start with '/', e.g. \"/stockandflow-admin\"; got \"{prefix}\".", nameof(prefix));
        }

        _ = endpoints.ServiceProvider.GetService<AdminMarker>() ?? throw new InvalidOperationException(
            "MapStockAndFlowAdmin needs its services: call builder.Services.AddStockAndFlowAdmin() when configuring services.");
        prefix = prefix.TrimEnd('/');
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<StockAndFlowAdminOptions>>().Value;

        endpoints.MapAdminAssets();
        var builders = new List<IEndpointConventionBuilder>();
        var group = endpoints.MapGroup(prefix);
        group.MapAdminApi().WithMetadata(new AdminEndpointMetadata(IsApi: true));
        builders.Add(group);
        foreach (var (name, path, controller, action) in AdminRoutes.Pages)
        {
            var pattern = path.Length == 0 ? prefix.TrimStart('/') : $"{prefix.TrimStart('/')}/{path}";
            builders.Add(endpoints.MapControllerRoute(name, pattern, new { area = AdminRoutes.Area, controller, action })
                .WithMetadata(new AdminEndpointMetadata(IsApi: false)));
        }

        var composite = new CompositeConventionBuilder(builders);
        composite.RequireAuthorization(options.PolicyName);
        return composite;
    }
}
