using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Admin;
using StockAndFlow.Web.Jobs;
using StockAndFlow.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddShopDatabase(builder.Configuration, builder.Environment);
builder.Services.AddStockAndFlow<ShopDbContext>(builder.Configuration.GetSection("StockAndFlow"))
    .AddDefinitionsFrom(typeof(Program).Assembly)
    .AddHangfireJobs();
builder.Services.AddDemo();
builder.Services.AddShopIdentity();
builder.Services.Configure<AdminAccountOptions>(builder.Configuration.GetSection(AdminAccountOptions.Section));
builder.Services.AddScoped<AdminAccounts>();
builder.Services.AddStockAndFlowAdmin();
builder.Services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));

var app = builder.Build();

if (DatabaseStartup.IsMigrateCommand(args))
{
    await app.MigrateDatabaseAsync();
    return;
}

await app.PrepareDatabaseAsync();
if (AdminAccountStartup.IsCreateAdminCommand(args))
{
    Environment.ExitCode = await app.CreateAdminAsync(args);
    return;
}

await app.EnsureConfiguredAdminAsync();
await app.RunFirstJobsAsync();

app.UseSecurityHeaders("/hangfire");
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/healthz");
app.MapStockAndFlowAdmin("/stockflow-admin");
app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/stockflow-admin", DashboardTitle = "StockAndFlow jobs" })
    .RequireStockAndFlowAdmin();
app.MapDefaultControllerRoute();

await app.RunAsync();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
