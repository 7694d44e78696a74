using System.Security.Claims;

namespace Cooperation.Vocabulary;

public static class Roles
{
    public const string Committee = "committee";
    public const string Ministry = "ministry";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Committee, Ministry, Auditor, Admin };

    /// <summary>Another system's client (the client credentials flow): it may read, nothing more.</summary>
    public const string Reader = "ministry-read";
}

/// <summary>
/// Who is acting: the claims of the bearer token, with the countries the system serves (<see cref="Served"/>), which the
/// territory rule needs to know what a committee's region grants; so a decision learns all it needs of the actor from the actor.
/// </summary>
public sealed record Actor(string Sub, string Role, string? Region, ServedCountries Served)
{
    public static Actor From(ClaimsPrincipal user, ServedCountries served) =>
        new(SubjectOf(user), user.FindFirst("role")?.Value ?? "", user.FindFirst("region")?.Value, served);

    /// <summary>Who the token names, for what needs no more of the actor than that.</summary>
    public static string SubjectOf(ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "";
}

/// <summary>The countries the system serves (Territory:Countries): their first-level regions, and no others, have committees.</summary>
public sealed class ServedCountries(IEnumerable<string> countries)
{
    private readonly HashSet<string> codes = new(countries.Select(c => c.Trim()), StringComparer.OrdinalIgnoreCase);

    /// <summary>A first-level region of a country the system serves: the only regions a committee may write for.</summary>
    public bool Serves(string? region, Gazetteer? gazetteer = null) =>
        region is not null && (gazetteer ?? Gazetteer.Default).Find(region) is { Level: PartyLevels.Region } place && codes.Contains(place.Country);

    public override string ToString() => string.Join(", ", codes.Order());
}

/// <summary>The territory rule: who may write a record, by its parties.</summary>
public static class Territory
{
    /// <summary>
    /// Committees write records with a party inside their territory, the ministry national-level records
    /// (a country among the parties), admins anything; auditors never write. A committee's territory is its region, when
    /// that is a region the system serves (<see cref="Actor.Served"/>); a party lies in it when the gazetteer places it there: what an organisation
    /// unknown to the gazetteer declares of itself grants nothing.
    /// </summary>
    public static bool MayWrite(this Actor actor, IEnumerable<Party> parties) => actor.Role switch
    {
        Roles.Admin => true,
        Roles.Ministry => parties.Any(p => p.Level == PartyLevels.Country),
        Roles.Committee => actor.Served.Serves(actor.Region) && parties.Any(p => actor.Holds(p)),
        _ => false,
    };

    /// <summary>
    /// Linking a visit to an agreement records that the agreement was signed during the visit; it changes none of its terms.
    /// A committee links only agreements it may write; the ministry, whose national visits see regions' agreements signed
    /// (a state visit, say), links any.
    /// </summary>
    public static bool MayLink(this Actor actor, IEnumerable<Party> agreementParties) =>
        actor.Role == Roles.Ministry || actor.MayWrite(agreementParties);

    /// <summary>The party is a place or organisation the gazetteer knows, of the party's level, inside the actor's region.</summary>
    private static bool Holds(this Actor actor, Party party) =>
        party.Code is { } code && Gazetteer.Default.Find(code)?.Level == party.Level
        && string.Equals(Gazetteer.Default.RegionOf(code), actor.Region, StringComparison.OrdinalIgnoreCase);
}
