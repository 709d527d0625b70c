using Microsoft.Extensions.Options;

namespace StockAndFlow.Web.Security;

/// <summary>
/// Start-up and command-line creation of admin accounts. There is no default password: an account is
/// created only from <c>StockAndFlow:Admin:Email</c> and <c>StockAndFlow:Admin:Password</c> when both
/// are configured (appsettings.Development.json sets them for local use), or by
/// <c>dotnet run --project StockAndFlow.Web -- create-admin you@example.com</c> with the password in
/// the <c>STOCKANDFLOW_ADMIN_PASSWORD</c> environment variable.
/// </summary>
public static class AdminAccountStartup
{
    public const string Command = "create-admin";
    public const string PasswordVariable = "STOCKANDFLOW_ADMIN_PASSWORD";

    public static bool IsCreateAdminCommand(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task EnsureConfiguredAdminAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AdminAccountOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrWhiteSpace(options.Password))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().EnsureAdminAsync(options.Email, options.Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the admin from {AdminAccountOptions.Section}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>Runs <c>create-admin EMAIL</c>; returns the process exit code.</summary>
    public static async Task<int> CreateAdminAsync(this WebApplication app, string[] args)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (args.Length < 2 || string.IsNullOrWhiteSpace(password))
        {
            await Console.Error.WriteLineAsync($"usage: {PasswordVariable}=<password> dotnet run --project StockAndFlow.Web -- {Command} <email>");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().EnsureAdminAsync(args[1], password);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }

        Console.WriteLine($"{args[1]} can now sign in to the admin.");
        return 0;
    }
}
