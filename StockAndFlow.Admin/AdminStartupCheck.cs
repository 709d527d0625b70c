using Microsoft.AspNetCore.Authentication;

namespace StockAndFlow.Admin;

/// <summary>
/// At start-up, when the admin is mapped (its endpoints are among the host's): the host must have an authentication scheme that can
/// challenge, or every admin request would fail with a 500 ("No authenticationScheme was specified").
/// </summary>
internal sealed class AdminStartupCheck(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Once started: the app's endpoints are known only once its pipeline is built, when the server starts.
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        // Mapped: MapStockAndFlowAdmin marks its API endpoints, and only it maps any.
        var endpoints = services.GetService<EndpointDataSource>()?.Endpoints ?? [];
        if (!endpoints.Any(e => e.Metadata.GetMetadata<AdminEndpointMetadata>() is { IsApi: true }))
        {
            return;
        }

        var schemes = services.GetService<IAuthenticationSchemeProvider>();
        if (schemes is null || await schemes.GetDefaultChallengeSchemeAsync() is null)
        {
            throw new InvalidOperationException(
                "The StockAndFlow admin is mapped, but the app has no default authentication scheme to sign its users in with. "
                + "Add the app's authentication before AddStockAndFlowAdmin, e.g. builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)"
                + ".AddCookie(o => o.LoginPath = \"/login\") or ASP.NET Core Identity, and call app.UseAuthentication() and app.UseAuthorization().");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
