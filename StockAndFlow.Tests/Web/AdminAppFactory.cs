using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Hosting;
using StockAndFlow.Web.Security;

namespace StockAndFlow.Tests.Web;

/// <summary>
/// The demo app in Development on a private SQLite file (seeded demo, configured admin account), with
/// the test-only actions of <see cref="AdminTestActions"/>, and helpers that sign in through the real
/// login form: as the admin, or as a user without the admin role.
/// </summary>
public sealed partial class AdminAppFactory : WebApplicationFactory<Program>
{
    // From appsettings.Development.json.
    public const string AdminEmail = "admin@stockandflow.local";
    public const string AdminPassword = "stockandflow-admin";
    public const string UserEmail = "someone@stockandflow.local";
    public const string UserPassword = "not-an-admin-1";

    private readonly string _folder = Directory.CreateTempSubdirectory("stockandflow-admin-").FullName;

    public string DatabasePath => Path.Combine(_folder, "app.db");

    public Task<HttpClient> CreateAdminClientAsync() => SignInAsync(AdminEmail, AdminPassword);

    public async Task<HttpClient> CreateUserClientAsync()
    {
        using (var client = CreateClient())
        {
            // Starts the host, so its services exist.
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().EnsureUserAsync(UserEmail, UserPassword);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return await SignInAsync(UserEmail, UserPassword);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public HttpClient CreateBrowserClient() => CreateBrowserClient(this);

    /// <summary>The antiforgery token of the first form in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>A cookie-keeping, non-redirecting client of any app factory.</summary>
    public static HttpClient CreateBrowserClient(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>Signs in through the real login form (GET for the token, POST the credentials) and keeps the cookie.</summary>
    public static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory, string email, string password)
    {
        var client = CreateBrowserClient(factory);
        var login = await client.GetStringAsync("/account/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(login),
        });
        using var response = await client.PostAsync("/account/login", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}, not a redirect.");
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:StockAndFlow", $"Data Source={DatabasePath}");
        builder.ConfigureTestServices(services =>
        {
            var registry = (DefinitionRegistry)services.Single(d => d.ServiceType == typeof(DefinitionRegistry)).ImplementationInstance!;
            registry.Add(new AdminTestActions());
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<HttpClient> SignInAsync(string email, string password) => SignInAsync(this, email, password);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
