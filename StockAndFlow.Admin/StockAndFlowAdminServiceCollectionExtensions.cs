using Microsoft.AspNetCore.Authentication.Cookies;
using StockAndFlow.Admin;
using StockAndFlow.Admin.Api;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the StockAndFlow admin's services.</summary>
public static class StockAndFlowAdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admin: its read model, its authorization policy (authenticated and in the role of
    /// the same name), and cookie behaviour for it — API calls get 401/403 instead of a login redirect,
    /// and signed-in users without the role get 403.
    /// </summary>
    public static IServiceCollection AddStockAndFlowAdmin(this IServiceCollection services, Action<StockAndFlowAdminOptions>? configure = null)
    {
        var options = services.AddOptions<StockAndFlowAdminOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var marker = new AdminMarker();
        services.AddSingleton(marker);
        services.AddSingleton<AdminReadModel>();
        var policy = new StockAndFlowAdminOptions();
        configure?.Invoke(policy);
        services.AddAuthorizationBuilder().AddPolicy(policy.PolicyName, p => p.RequireAuthenticatedUser().RequireRole(policy.PolicyName));
        services.PostConfigureAll<CookieAuthenticationOptions>(cookie =>
        {
            var toLogin = cookie.Events.OnRedirectToLogin;
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (IsApi(context.Request, marker))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                return toLogin(context);
            };
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        return services;
    }

    private static bool IsApi(HttpRequest request, AdminMarker marker) =>
        request.Path.StartsWithSegments(marker.Prefix + "/api", StringComparison.OrdinalIgnoreCase);
}
