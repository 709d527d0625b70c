using Microsoft.AspNetCore.Identity;
using StockAndFlow.Admin;

namespace StockAndFlow.Web.Security;

/// <summary>Creates admin accounts: from configuration at start-up, or from the <c>create-admin</c> command.</summary>
public sealed partial class AdminAccounts(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, ILogger<AdminAccounts> logger)
{
    public const string Role = StockAndFlowAdminOptions.DefaultPolicy;

    /// <summary>Ensures a user with this email exists, has this password if created now, and is in the admin role.</summary>
    public async Task<IdentityResult> EnsureAdminAsync(string email, string password)
    {
        if (!await roles.RoleExistsAsync(Role))
        {
            var created = await roles.CreateAsync(new IdentityRole(Role));
            if (!created.Succeeded)
            {
                return created;
            }
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return result;
            }

            LogCreated(logger, email);
        }

        return await users.IsInRoleAsync(user, Role) ? IdentityResult.Success : await users.AddToRoleAsync(user, Role);
    }

    /// <summary>Creates a user who may sign in but is not an admin (used to check 403s).</summary>
    public async Task<IdentityResult> EnsureUserAsync(string email, string password)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return IdentityResult.Success;
        }

        return await users.CreateAsync(new IdentityUser { UserName = email, Email = email, EmailConfirmed = true }, password);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created admin account {Email}.")]
    private static partial void LogCreated(ILogger logger, string email);
}
