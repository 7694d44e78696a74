using Cooperation.Identity.Accounts;
using Cooperation.Identity.Store;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Cooperation.Identity.Administration;

/// <summary>
/// Accounts administered over the API (<c>/api/identity/users</c>, admins only) and the record of it: every change is
/// stored as an account event naming who made it, when, and what, which auditors (and admins and the ministry, as for every
/// service's events) read at <c>/api/identity/events</c>.
/// </summary>
public static class AdministrationEndpoints
{
    public sealed record AccountView(string UserName, string DisplayName, string Role, string? Region, bool Disabled, DateTimeOffset? LockedOutUntil);

    public sealed record CreateAccount(string? UserName, string? DisplayName, string? Role, string? Region, string? Password);

    public sealed record SetRole(string? Role, string? Region);

    public sealed record Password(string UserName, string NewPassword);

    public static WebApplication MapAdministration(this WebApplication app)
    {
        var users = app.MapGroup("/api/identity/users").RequireAuthorization(Policies.Admin).WithTags("Identity");
        users.MapGet("", async (UserManager<Account> accounts) =>
            TypedResults.Ok(await accounts.Users.OrderBy(a => a.UserName).Select(a => View(a)).ToListAsync())).WithName("ListAccounts").WithSummary("Lists the accounts, with their role, region and whether they are disabled or locked out");

        users.MapPost("", async Task<Results<Created<Password>, ProblemHttpResult>> (CreateAccount request, HttpContext http, UserManager<Account> accounts, IdentityStore store, TimeProvider clock) =>
        {
            var errors = Check(request.Role, request.Region);
            if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64 || !request.UserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
                errors["userName"] = ["userName is required: up to 64 letters, digits, '-', '.' or '_'."];
            if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200) errors["displayName"] = ["displayName is required, up to 200 characters."];
            if (errors.Count > 0) return DomainError.Invalid(errors).ToProblem();
            var password = string.IsNullOrEmpty(request.Password) ? Passwords.New() : request.Password;
            var account = new Account { UserName = request.UserName, DisplayName = request.DisplayName!.Trim(), Role = request.Role!, Region = Region(request.Role, request.Region) };
            IdentityResult created;
            try
            {
                created = await accounts.CreateAsync(account, password);
            }
            // Identity checks the name is free; two requests for one name at the same moment meet at the store's unique index.
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                created = IdentityResult.Failed(accounts.ErrorDescriber.DuplicateUserName(account.UserName!));
            }
            if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
                return DomainError.Conflict($"An account named {request.UserName} exists already.").ToProblem();
            if (!created.Succeeded) return DomainError.Invalid("password", string.Join(" ", created.Errors.Select(e => e.Description))).ToProblem();
            await RecordAsync(store, http, clock, account.UserName!, "created", $"role {account.Role}{(account.Region is null ? "" : $", region {account.Region}")}");
            return TypedResults.Created($"/api/identity/users/{account.UserName}", new Password(account.UserName!, password));
        }).WithName("CreateAccount").WithSummary("Creates an account; answers its generated password (or the one given)").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        users.MapPost("/{userName}/disable", (string userName, HttpContext http, UserManager<Account> accounts, IdentityStore store, TimeProvider clock) =>
            ChangeAsync(userName, http, accounts, store, clock, "disabled", "", account => account.Disabled = true)).WithName("DisableAccount").WithSummary("Disables an account: it signs in no more and its next refresh is refused");
        users.MapPost("/{userName}/enable", (string userName, HttpContext http, UserManager<Account> accounts, IdentityStore store, TimeProvider clock) =>
            ChangeAsync(userName, http, accounts, store, clock, "enabled", "", account => { account.Disabled = false; account.LockoutEnd = null; account.AccessFailedCount = 0; }))
            .WithName("EnableAccount").WithSummary("Enables an account again and lifts a lockout");
        users.MapPost("/{userName}/role", async Task<Results<Ok<AccountView>, ProblemHttpResult>> (string userName, SetRole request, HttpContext http, UserManager<Account> accounts, IdentityStore store, TimeProvider clock) =>
        {
            var errors = Check(request.Role, request.Region);
            if (errors.Count > 0) return DomainError.Invalid(errors).ToProblem();
            var region = Region(request.Role, request.Region);
            return await ChangeAsync(userName, http, accounts, store, clock, "role-set", $"role {request.Role}{(region is null ? "" : $", region {region}")}",
                account => { account.Role = request.Role!; account.Region = region; });
        }).WithName("SetAccountRole").WithSummary("Sets an account's role and, for a committee, its region").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        users.MapPost("/{userName}/reset-password", async Task<Results<Ok<Password>, ProblemHttpResult>> (string userName, HttpContext http, UserManager<Account> accounts, IdentityStore store, TimeProvider clock) =>
        {
            if (await accounts.FindByNameAsync(userName) is not { } account) return DomainError.NotFound($"No account is named {userName}.").ToProblem();
            var password = Passwords.New();
            await accounts.RemovePasswordAsync(account);
            await accounts.AddPasswordAsync(account, password);
            await RecordAsync(store, http, clock, userName, "password-reset", "");
            return TypedResults.Ok(new Password(userName, password));
        }).WithName("ResetAccountPassword").WithSummary("Gives an account a new generated password");

        app.MapGet("/api/identity/events", async (IdentityStore store, string? account) =>
                TypedResults.Ok(await store.AccountEvents.Where(e => account == null || e.Account == account).OrderBy(e => e.Id).Take(1000).ToListAsync()))
            .RequireAuthorization(Policies.Audit).WithTags("Identity").WithName("ListAccountEvents").WithSummary("The record of account administration: who changed which account, when and how");
        return app;
    }

    private static AccountView View(Account a) => new(a.UserName!, a.DisplayName, a.Role, a.Region, a.Disabled, a.LockoutEnd > DateTimeOffset.UtcNow ? a.LockoutEnd : null);

    private static Dictionary<string, string[]> Check(string? role, string? region)
    {
        var errors = new Dictionary<string, string[]>();
        if (role is null || !Roles.All.Contains(role)) errors["role"] = [$"role must be one of: {string.Join(", ", Roles.All)}."];
        if (role == Roles.Committee && (region is null || Gazetteer.Default.Find(region) is not { Level: PartyLevels.Region }))
            errors["region"] = ["a committee needs the ISO 3166-2 code of a first-level region, e.g. BY-HR."];
        return errors;
    }

    private static string? Region(string? role, string? region) => role == Roles.Committee ? region!.ToUpperInvariant() : null;

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> ChangeAsync(string userName, HttpContext http, UserManager<Account> accounts, IdentityStore store, TimeProvider clock,
        string action, string detail, Action<Account> change)
    {
        if (await accounts.FindByNameAsync(userName) is not { } account) return DomainError.NotFound($"No account is named {userName}.").ToProblem();
        change(account);
        await accounts.UpdateAsync(account);
        await RecordAsync(store, http, clock, userName, action, detail);
        return TypedResults.Ok(View(account));
    }

    private static async Task RecordAsync(IdentityStore store, HttpContext http, TimeProvider clock, string account, string action, string detail)
    {
        store.AccountEvents.Add(new AccountEvent { At = clock.GetUtcNow(), Actor = Actor.SubjectOf(http.User), Account = account, Action = action, Detail = detail });
        await store.SaveChangesAsync();
    }
}
