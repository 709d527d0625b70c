using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using StockAndFlow.Admin;

#pragma warning disable IDE0130
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Puts other endpoints of the host behind the admin's policy, e.g. the Hangfire dashboard.</summary>
public static class StockAndFlowAdminConventionExtensions
{
    /// <summary>
    /// Requires the admin's policy (<see cref="StockAndFlowAdminOptions.PolicyName"/>) on these endpoints,
    /// with the admin's answers: anonymous → the host's login challenge, signed in without the policy → 403.
    /// </summary>
    public static TBuilder RequireStockAndFlowAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var options = endpoint.ApplicationServices.GetRequiredService<IOptions<StockAndFlowAdminOptions>>().Value;
            endpoint.Metadata.Add(new AuthorizeAttribute(options.PolicyName));
            endpoint.Metadata.Add(new AdminEndpointMetadata(IsApi: false));
        });
        return builder;
    }
}
