using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

/// <summary>
/// Where the layout's sign-out form posts: the host's cookie scheme's <c>LogoutPath</c>, so the admin
/// does not hard-code the host's account pages (Identity's default is <c>/account/logout</c> here).
/// </summary>
public static class SignOutPath
{
    public const string Fallback = "/account/logout";

    public static async Task<string> ForAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var schemes = http.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        if (await schemes.GetDefaultAuthenticateSchemeAsync() is { } scheme && typeof(CookieAuthenticationHandler).IsAssignableFrom(scheme.HandlerType))
        {
            var path = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme.Name).LogoutPath;
            if (path.HasValue)
            {
                return path.Value;
            }
        }

        return Fallback;
    }
}
