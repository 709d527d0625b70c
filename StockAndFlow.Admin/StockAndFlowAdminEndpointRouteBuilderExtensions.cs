using StockAndFlow.Admin;
using StockAndFlow.Admin.Api;

#pragma warning disable IDE0130
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Mounts the StockAndFlow admin.</summary>
public static class StockAndFlowAdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the admin's pages and JSON API under <paramref name="prefix"/> (e.g. <c>/stockflow-admin</c>),
    /// each requiring the admin policy. Returns a builder for further conventions.
    /// </summary>
    public static IEndpointConventionBuilder MapStockAndFlowAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/stockflow-admin")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (string.IsNullOrEmpty(prefix) || prefix[0] != '/')
        {
            throw new ArgumentException($"The admin path must start with '/', e.g. \"/stockflow-admin\"; got \"{prefix}\".", nameof(prefix));
        }

        var marker = endpoints.ServiceProvider.GetService<AdminMarker>() ?? throw new InvalidOperationException(
            "MapStockAndFlowAdmin needs its services: call builder.Services.AddStockAndFlowAdmin() when configuring services.");
        prefix = prefix.TrimEnd('/');
        marker.Prefix = prefix;
        var options = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StockAndFlowAdminOptions>>().Value;

        var builders = new List<IEndpointConventionBuilder>();
        var group = endpoints.MapGroup(prefix);
        group.MapAdminApi();
        builders.Add(group);
        foreach (var (name, path, controller, action) in AdminRoutes.Pages)
        {
            var pattern = path.Length == 0 ? prefix.TrimStart('/') : $"{prefix.TrimStart('/')}/{path}";
            builders.Add(endpoints.MapControllerRoute(name, pattern, new { area = AdminRoutes.Area, controller, action }));
        }

        var composite = new CompositeConventionBuilder(builders);
        composite.RequireAuthorization(options.PolicyName);
        return composite;
    }
}
