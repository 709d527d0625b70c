using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FreshHost;

/// <summary>
/// A stand-in for your real sign-in (ASP.NET Core Identity, OpenID Connect…), mapped only when
/// <c>SampleSignIn:Key</c> is configured: <c>POST /login</c> with
/// <c>{"name": "ann", "admin": true, "key": "…"}</c> signs in a user, in the admin role or not.
/// </summary>
public static class SampleSignIn
{
    public sealed record Request(string Name, bool Admin, string Key);

    public static void MapSampleSignIn(this WebApplication app)
    {
        app.MapGet("/login", () => Results.Text("Sign in with POST /login.", "text/plain"));
        if (app.Configuration["SampleSignIn:Key"] is not { Length: > 0 } key)
        {
            return;
        }

        app.MapPost("/login", async (Request request, HttpContext http) =>
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Key), Encoding.UTF8.GetBytes(key)) || request.Name.Length == 0)
            {
                return Results.Unauthorized();
            }

            List<Claim> claims = [new(ClaimTypes.Name, request.Name)];
            if (request.Admin)
            {
                claims.Add(new Claim(ClaimTypes.Role, "StockAndFlowAdmin"));
            }

            var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.NoContent();
        });
    }
}
