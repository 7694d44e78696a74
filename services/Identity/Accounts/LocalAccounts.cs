using System.Security.Cryptography;
using Cooperation.Identity.Store;
using Microsoft.AspNetCore.Identity;

namespace Cooperation.Identity.Accounts;

/// <summary>
/// The accounts of a local run, made on its first start when Identity:LocalAccounts:File names where their passwords go
/// (deploy/run.sh: <c>.data/secrets/accounts</c>): a committee account for each region of the demo data (deploy/demo), a
/// ministry analyst, an auditor and an admin, each with a generated password written to that file (mode 0600). An account
/// that exists already is left as it is.
/// </summary>
public static class Passwords
{
    /// <summary>24 random letters and digits, with at least one digit, one capital and one small letter, as Identity's rules ask.</summary>
    public static string New()
    {
        string password;
        do password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
        while (!password.Any(char.IsDigit) || !password.Any(char.IsUpper) || !password.Any(char.IsLower));
        return password;
    }
}

public static class LocalAccounts
{
    public const string Analyst = "analyst";

    /// <summary>The committees whose records the demo data holds: every first-level region of Belarus.</summary>
    private static readonly string[] Committees = ["BY-BR", "BY-HM", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-VI"];

    public static async Task CreateAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        if (configuration["Identity:LocalAccounts:File"] is not { Length: > 0 } file) return;
        var accounts = services.GetRequiredService<UserManager<Account>>();
        var wanted = Committees.Select(region => ($"committee-{region.ToLowerInvariant()}", $"Committee {region}", Roles.Committee, (string?)region))
            .Append((Analyst, "Ministry analyst", Roles.Ministry, null))
            .Append(("auditor", "Auditor", Roles.Auditor, null))
            .Append(("admin", "Administrator", Roles.Admin, null));
        var lines = new List<string>();
        foreach (var (name, displayName, role, region) in wanted)
        {
            if (await accounts.FindByNameAsync(name) is not null) continue;
            var password = Passwords.New();
            var created = await accounts.CreateAsync(new Account { UserName = name, DisplayName = displayName, Role = role, Region = region }, password);
            if (!created.Succeeded) throw new InvalidOperationException($"Cannot create the local account {name}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            lines.Add($"{name} {password}");
            logger.LogInformation("Local account {Account} ({Role}) created; its password is in {File}", name, role, file);
        }
        if (lines.Count == 0) return;
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The local accounts' file is written with Unix permissions (0600).");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await using (var stream = new FileStream(file, new FileStreamOptions
        {
            Mode = FileMode.Append, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var writer = new StreamWriter(stream))
            foreach (var line in lines) await writer.WriteLineAsync(line);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
