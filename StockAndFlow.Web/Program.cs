using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddShopDatabase(builder.Configuration, builder.Environment);
builder.Services.AddStockAndFlow<ShopDbContext>(builder.Configuration.GetSection("StockAndFlow"))
    .AddDefinitionsFrom(typeof(Program).Assembly);
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddControllersWithViews();
builder.Services.AddHealthChecks().AddDbContextCheck<ShopDbContext>("database");

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseStaticFiles();
app.MapHealthChecks("/healthz");
app.MapDefaultControllerRoute();

await app.RunAsync();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
