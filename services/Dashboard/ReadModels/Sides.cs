using Cooperation.Contracts;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>A partner on the dashboard: a foreign region, or a country, or an organisation placed nowhere else.</summary>
/// <param name="Key">The partner's first-level region code, else its country code, else its name.</param>
public sealed record Partner(string Key, string Name, string? Country);

/// <summary>Which side of a record is the reporting region and which are its partners.</summary>
public static class Sides
{
    /// <summary>
    /// The region is the one of the committee that reported the record (a ministry record: its first party's);
    /// every party outside that region is a partner.
    /// </summary>
    public static (string Region, Partner[] Partners) Of(IReadOnlyList<PartyRef> parties, ActorRef actor)
    {
        var home = parties.FirstOrDefault(p => actor.Region is not null && string.Equals(p.Region, actor.Region, StringComparison.OrdinalIgnoreCase))
            ?? parties.FirstOrDefault();
        var region = home is null ? actor.Region ?? "" : RegionOf(home);
        return (region, PartnersBeside(region, parties.Where(p => p != home)));
    }

    /// <summary>The partners among the parties: each one outside the region, once.</summary>
    public static Partner[] PartnersBeside(string region, IEnumerable<PartyRef> parties) =>
        parties.Where(p => RegionOf(p) != region).Select(ToPartner).DistinctBy(p => p.Key).ToArray();

    /// <summary>
    /// Whether a row is of the region (when one is chosen) and concerns the partner (when one is chosen): by the
    /// partner's key, or by its country, so a country matches its regions too.
    /// </summary>
    public static bool Match(string? rowRegion, IEnumerable<Partner> rowPartners, string? region, string? partner) =>
        (region is null || string.Equals(rowRegion, region, StringComparison.OrdinalIgnoreCase))
        && (partner is null || rowPartners.Any(p => string.Equals(p.Key, partner, StringComparison.OrdinalIgnoreCase)
                                                    || string.Equals(p.Country, partner, StringComparison.OrdinalIgnoreCase)));

    public static Partner ToPartner(PartyRef party) => new(RegionOf(party), party.Name, party.Country);

    /// <summary>The first-level region a party lies in; a country stands for itself; an organisation placed nowhere, by its name.</summary>
    public static string RegionOf(PartyRef party) =>
        party.Region ?? (party.Level == "country" ? party.Code : party.Country) ?? party.Name;
}
