using Microsoft.AspNetCore.Mvc;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;
using StockAndFlow.Jobs;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Jobs;

/// <summary>
/// Recurring jobs with "run now" (through the host's scheduler, when it has one), and decay rules with
/// preview and pause/resume.
/// </summary>
public sealed class JobsController(
    StockAndFlowModel model,
    DecayRunner decay,
    DecayReader rules,
    AdminDatabase database,
    JobTraces traces,
    IStockAndFlowScheduler? scheduler = null) : AdminController
{
    private const string MessageKey = "StockAndFlowAdmin.Jobs.Message";

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var jobs = scheduler?.GetRecurringJobs();
        return View(new JobsPage(scheduler?.DashboardPath, jobs, await rules.RulesAsync(cancellationToken), TempData[MessageKey] as string)
        {
            Traces = jobs is { Count: > 0 } ? await traces.LastWrittenAsync(cancellationToken) : new Dictionary<string, DateTime>(),
        });
    }

    [HttpPost]
    public IActionResult Trigger(string job)
    {
        if (scheduler?.TriggerNow(job) != true)
        {
            return NotFoundPage("recurring job", job);
        }

        TempData[MessageKey] = $"Job '{job}' was queued to run now.";
        return Redirect(Url.Jobs());
    }

    [HttpPost]
    public async Task<IActionResult> Decay(string rule, string command, CancellationToken cancellationToken)
    {
        if (model.FindDecayRule(rule) is not { } found)
        {
            return NotFoundPage("decay rule", rule);
        }

        if (command is not ("pause" or "resume" or "run"))
        {
            return ProblemPage(StatusCodes.Status400BadRequest, "Invalid 'command'", $"'{command}' is not a command; use pause, resume or run.");
        }

        if (command == "run")
        {
            // Recorded as run by this user, so the charts' markers say who moved the rows.
            var result = await decay.RunAsync(database.Primary, found, User.Identity?.Name ?? "admin", cancellationToken);
            TempData[MessageKey] = await decay.IsPausedAsync(database.Primary, found, cancellationToken)
                ? $"{found.Name} is paused: resume it to run it."
                : $"{found.Name} ran now and moved {AdminFormat.Count(result.Moved)} rows.";
            return Redirect(Url.Jobs());
        }

        await decay.SetPausedAsync(database.Primary, found, command == "pause", cancellationToken);
        TempData[MessageKey] = $"{found.Name} is {(command == "pause" ? "paused: its job moves nothing until resumed" : "running again")}.";
        return Redirect(Url.Jobs());
    }
}
