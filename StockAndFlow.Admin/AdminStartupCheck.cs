using Microsoft.AspNetCore.Authentication;

namespace StockAndFlow.Admin;

/// <summary>
/// At start-up, once the admin is mapped: the host must have an authentication scheme that can
/// challenge, or every admin request would fail with a 500 ("No authenticationScheme was specified").
/// </summary>
internal sealed class AdminStartupCheck(AdminMarker marker, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!marker.IsMapped)
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
}
