using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace StockAndFlow.Admin;

/// <summary>
/// The admin's answers to a failed authorization, on its own endpoints only: an anonymous API call gets
/// 401 (not a login page), a signed-in user without the policy gets 403 (not the host's access-denied
/// redirect); an anonymous page request still gets the host's challenge. Every other endpoint of the host
/// is handed to the handler that was registered before the admin's (the framework's default otherwise).
/// </summary>
internal sealed class AdminAuthorizationResultHandler(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AdminEndpointMetadata>() is { } admin)
        {
            if (authorizeResult.Forbidden || (authorizeResult.Challenged && admin.IsApi))
            {
                context.Response.StatusCode = authorizeResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
