using System.Security.Claims;

namespace Cooperation.Vocabulary;

public static class Roles
{
    public const string Committee = "committee";
    public const string Ministry = "ministry";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Committee, Ministry, Auditor, Admin };
}

/// <summary>Who is acting: the claims of the bearer token.</summary>
public sealed record Actor(string Sub, string Role, string? Region)
{
    public static Actor From(ClaimsPrincipal user) =>
        new(user.FindFirst("sub")?.Value ?? "", user.FindFirst("role")?.Value ?? "", user.FindFirst("region")?.Value);
}

/// <summary>The territory rule: who may write a record, by its parties.</summary>
public static class Territory
{
    /// <summary>
    /// Committees write records with a party inside their territory, the ministry national-level records
    /// (a country among the parties), admins anything; auditors never write.
    /// </summary>
    public static bool MayWrite(this Actor actor, IEnumerable<Party> parties) => actor.Role switch
    {
        Roles.Admin => true,
        Roles.Ministry => parties.Any(p => p.Level == PartyLevels.Country),
        Roles.Committee => actor.Region is not null && parties.Any(p => string.Equals(p.Region, actor.Region, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };
}
