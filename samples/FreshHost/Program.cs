using FreshHost;
using Hangfire;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

// 1. Your DbContext, with StockAndFlow's capture interceptor on its options: a save that moves a row
//    between stocks writes its flow event in the same transaction. FilmsDb.OnModelCreating calls
//    modelBuilder.ApplyStockAndFlow(), so StockAndFlow's tables live in your database.
var connectionString = builder.Configuration.GetConnectionString("Films") ?? "Data Source=films.db";
builder.Services.AddDbContext<FilmsDb>((sp, o) => o.UseSqlite(connectionString).AddStockAndFlowCapture(sp));

// 2. The engine: your definitions (classes implementing IStockAndFlowDefinition, e.g. FilmStocks) and
//    the recurring jobs that count the stocks (StockAndFlow.Hangfire).
builder.Services.AddStockAndFlow<FilmsDb>(builder.Configuration.GetSection("StockAndFlow"))
    .AddDefinitionsFrom(typeof(Program).Assembly)
    .AddHangfireJobs();

// 3. Hangfire, with the storage of your choice: the jobs run on your Hangfire server.
builder.Services.AddHangfire(c => c.UseInMemoryStorage());
builder.Services.AddHangfireServer();

// 4. Your authentication: the admin challenges with its default scheme (here a cookie, login at /login).
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o => o.LoginPath = "/login");

// 5. The admin, with its policy "StockAndFlowAdmin": signed in and in the role of the same name.
builder.Services.AddStockAndFlowAdmin();

var app = builder.Build();

// Your schema, StockAndFlow's tables included: a real app applies its migrations here.
await using (var scope = app.Services.CreateAsyncScope())
{
    await FilmSeed.CreateAsync(scope.ServiceProvider.GetRequiredService<FilmsDb>());
}

app.UseAuthentication();
app.UseAuthorization();

// 6. Mount the admin (pages, JSON API, its CSS and JS) at a path of your choice.
app.MapStockAndFlowAdmin("/ops/metrics");

// The app's own endpoints: voting for a film (a save the capture interceptor sees) and a stand-in for
// your real sign-in.
app.MapFilms();
app.MapSampleSignIn();

await app.RunAsync();
