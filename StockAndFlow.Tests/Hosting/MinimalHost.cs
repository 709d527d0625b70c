using StockAndFlow.Storage;
using System.Security.Claims;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Hosting;

/// <summary>
/// A host that is not the demo: its own DbContext over an in-memory SQLite database, its own cookie
/// login (<c>POST /login?role=...</c>), its own <c>[Authorize]</c> page (<c>/mine</c>), and each piece a
/// developer may forget switchable, so tests can start it with one piece missing.
/// </summary>
public sealed class MinimalHost : IAsyncDisposable
{
    public const string AdminPath = "/ops/metrics";

    private readonly SqliteConnection _connection;

    private MinimalHost(WebApplication app, SqliteConnection connection)
    {
        App = app;
        _connection = connection;
    }

    public WebApplication App { get; }

    public sealed record Pieces(bool Capture = true, bool ApplyModel = true, bool Authentication = true, bool Hangfire = true, bool HangfireJobs = true, bool GlobalAntiforgery = false);

    /// <summary>Builds and starts the host; start-up checks throw from here.</summary>
    public static async Task<MinimalHost> StartAsync(Pieces pieces)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<HostDbContext>((sp, o) =>
        {
            o.UseSqlite(connection).ReplaceService<IModelCacheKeyFactory, HostModelCacheKeyFactory>();
            if (pieces.Capture)
            {
                o.AddStockAndFlowCapture(sp);
            }
        });
        builder.Services.AddSingleton(new HostModelSwitch(pieces.ApplyModel));
        var engine = builder.Services.AddStockAndFlow<HostDbContext>()
            .AddDefinition(new DelegateDefinition(sf =>
            {
                var open = sf.Stock<Ticket>("open-tickets", t => t.Open).Named("Open tickets");
                var closed = sf.Stock<Ticket>("closed-tickets", t => !t.Open).Named("Closed tickets");
                sf.Flow<Ticket>("closing").From(open).To(closed);
            }));
        if (pieces.HangfireJobs)
        {
            engine.AddHangfireJobs();
        }

        if (pieces.Hangfire)
        {
            // This host's own storage, made after Hangfire's global configuration (which points Hangfire's
            // process-wide logging at this host), as the demo does.
            builder.Services.AddSingleton<JobStorage>(sp =>
            {
                var storage = new InMemoryStorage();
                sp.GetRequiredService<IGlobalConfiguration>().UseStorage(storage);
                return storage;
            });
            builder.Services.AddHangfire(c => c.UseSimpleAssemblyNameTypeSerializer());
        }

        if (pieces.Authentication)
        {
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
            });
        }

        if (pieces.GlobalAntiforgery)
        {
            builder.Services.AddControllersWithViews(o => o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()));
        }

        builder.Services.AddStockAndFlowAdmin();
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.EnsureCreatedAsync();
        }

        app.UseRouting();
        if (pieces.Authentication)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();
        app.MapPost("/login", async (HttpContext http, string? role) =>
        {
            var claims = new List<Claim> { new(ClaimTypes.Name, "someone@example.com") };
            if (role is not null)
            {
                claims.Add(new Claim(ClaimTypes.Role, role));
            }

            await http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.NoContent();
        });
        app.MapGet("/mine", () => "the host's own page").RequireAuthorization(p => p.RequireRole("host-owner"));
        app.MapStockAndFlowAdmin(AdminPath);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }

        return new MinimalHost(app, connection);
    }

    /// <summary>A client that keeps cookies and does not follow redirects; signed in with <paramref name="role"/> when given.</summary>
    public async Task<HttpClient> ClientAsync(string? role = null, bool signIn = true)
    {
        var client = new HttpClient(new CookieContainerHandler(App.GetTestServer().CreateHandler())) { BaseAddress = new Uri("http://localhost") };
        if (signIn)
        {
            using var response = await client.PostAsync(role is null ? "/login" : $"/login?role={role}", null);
            response.EnsureSuccessStatusCode();
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>Keeps the auth cookie between requests of a test-server client.</summary>
    private sealed class CookieContainerHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly System.Net.CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = _cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var cookie in setCookies)
                {
                    _cookies.SetCookies(request.RequestUri!, cookie);
                }
            }

            return response;
        }
    }
}

/// <summary>Whether <see cref="HostDbContext"/> applies StockAndFlow's model (off to test the start-up check).</summary>
public sealed record HostModelSwitch(bool ApplyStockAndFlow);

/// <summary>The minimal host's own context: its tickets and, when switched on, StockAndFlow's tables.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options, HostModelSwitch modelSwitch) : DbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();

    public HostModelSwitch ModelSwitch => modelSwitch;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ticket>();
        if (modelSwitch.ApplyStockAndFlow)
        {
            modelBuilder.ApplyStockAndFlow();
        }
    }
}

/// <summary>One cached EF model per switch value, not one per context type.</summary>
internal sealed class HostModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), ((HostDbContext)context).ModelSwitch.ApplyStockAndFlow, designTime);
}
