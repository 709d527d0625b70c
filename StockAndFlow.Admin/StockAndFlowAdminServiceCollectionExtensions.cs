using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockAndFlow.Admin;
using StockAndFlow.Admin.Reading;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the StockAndFlow admin's services.</summary>
public static class StockAndFlowAdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admin: its controllers and views (MVC with this library as an application part), its
    /// read layer (scoped readers over the host's DbContext), its authorization policy and its answers to failed authorization on its own endpoints.
    /// Options bind from <c>StockAndFlow:Admin</c>, then <paramref name="configure"/>. When the host has not
    /// defined a policy of <see cref="StockAndFlowAdminOptions.PolicyName"/>, one is added: authenticated
    /// and in the role of the same name. Authentication is the host's (cookies, Identity, OpenID Connect…).
    /// Calling it twice registers once (a second delegate still applies).
    /// </summary>
    public static StockAndFlowAdminBuilder AddStockAndFlowAdmin(this IServiceCollection services, Action<StockAndFlowAdminOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StockAndFlowAdminOptions>();
        var builder = new StockAndFlowAdminBuilder(services);
        if (services.Any(d => d.ServiceType == typeof(AdminMarker)))
        {
            if (configure is not null)
            {
                options.Configure(configure);
            }

            return builder;
        }

        options.BindConfiguration(StockAndFlowAdminOptions.Section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure<IServiceProvider>((admin, sp) =>
            admin.ReadConnectionString ??= sp.GetService<IConfiguration>()?.GetConnectionString(StockAndFlowAdminOptions.ReadConnectionStringName));

        services.AddSingleton<AdminMarker>();
        services.TryAddSingleton<AdminSummaryCache>();
        services.TryAddScoped<AdminDatabase>();
        services.TryAddScoped<AdminReadModel>();
        services.TryAddScoped<StockReader>();
        services.TryAddScoped<BridgeReader>();
        services.TryAddScoped<FlowReader>();
        services.TryAddScoped<MembersReader>();
        services.TryAddScoped<ExecutionsReader>();
        services.TryAddScoped<InsightsReader>();
        services.TryAddScoped<StatisticsReader>();
        services.TryAddScoped<DecayReader>();
        services.TryAddScoped<MovementsReader>();
        services.TryAddScoped<DiagramReader>();
        services.TryAddScoped<ProjectionReader>();
        services.TryAddScoped<AlertsReader>();
        services.TryAddScoped<AnnotationsReader>();
        services.TryAddScoped<EntityRows>();
        services.TryAddScoped<ActionPreviewer>();
        services.TryAddScoped<JobTraces>();
        services.AddControllersWithViews().ConfigureApplicationPartManager(parts =>
        {
            // The library's controllers and its compiled views, unless the host discovered them already.
            var assembly = typeof(AdminMarker).Assembly;
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
            {
                if (!parts.ApplicationParts.Any(p => p.GetType() == part.GetType() && p.Name == part.Name))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<StockAndFlowAdminOptions>>((authorization, admin) =>
        {
            var name = admin.Value.PolicyName;
            if (authorization.GetPolicy(name) is null)
            {
                authorization.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(name));
            }
        });

        var previous = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new AdminAuthorizationResultHandler(
            previous is null ? new AuthorizationMiddlewareResultHandler() : (IAuthorizationMiddlewareResultHandler)Resolve(sp, previous)));
        services.AddHostedService<AdminStartupCheck>();
        return builder;
    }

    private static object Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
