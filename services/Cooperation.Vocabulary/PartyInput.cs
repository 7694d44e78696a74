namespace Cooperation.Vocabulary;

/// <summary>A party as a client writes it: a code, or a name in any known spelling, or an organisation.</summary>
public sealed record PartyInput(string? Code, string? Name, string? Level, string? Country, string? Region)
{
    /// <summary>Resolves the party through the gazetteer, or says what is wrong with it.</summary>
    public (Party? Party, string? Error) Resolve(Gazetteer gazetteer)
    {
        if (Level is not null && !PartyLevels.All.Contains(Level))
            return (null, $"level must be one of: {string.Join(", ", PartyLevels.All)}.");
        return Level == PartyLevels.Organisation ? ResolveOrganisation(gazetteer) : ResolvePlace(gazetteer);
    }

    /// <summary>
    /// An organisation the gazetteer knows (by its code or any of its names) is placed where the gazetteer says; any other
    /// is taken as declared, its region shown but granting no territory.
    /// </summary>
    private (Party?, string?) ResolveOrganisation(Gazetteer gazetteer)
    {
        var known = (Code is null ? null : gazetteer.Find(Code)) ?? (string.IsNullOrWhiteSpace(Name) ? null : gazetteer.Lookup(Name, PartyLevels.Organisation) is [var one] ? one : null);
        if (known is { Level: PartyLevels.Organisation })
            return (new Party(known.Code, known.Names.En, PartyLevels.Organisation, known.Country, gazetteer.RegionOf(known.Code)), null);
        if (string.IsNullOrWhiteSpace(Name)) return (null, "an organisation needs a name.");
        if (Country is not null && gazetteer.Find(Country) is not { Level: PartyLevels.Country })
            return (null, $"unknown country code '{Country}'.");
        if (Region is not null && gazetteer.Find(Region) is not { Level: PartyLevels.Region })
            return (null, $"unknown region code '{Region}'.");
        var country = Country?.ToUpperInvariant() ?? (Region is null ? null : gazetteer.Find(Region)!.Country);
        return (new Party(Code, Name.Trim(), PartyLevels.Organisation, country, Region?.ToUpperInvariant()), null);
    }

    private (Party?, string?) ResolvePlace(Gazetteer gazetteer)
    {
        Place? place;
        if (!string.IsNullOrWhiteSpace(Code))
        {
            place = gazetteer.Find(Code);
            if (place is null) return (null, $"unknown place code '{Code}'.");
        }
        else if (!string.IsNullOrWhiteSpace(Name))
        {
            var found = gazetteer.Lookup(Name, Level);
            if (found.Count == 0) return (null, $"unknown place '{Name}': no country, region, city or district is known by that name.");
            if (found.Count > 1)
                return (null, $"'{Name}' may mean {string.Join(" or ", found.Select(p => $"{p.Names.En} ({p.Code})"))}; give the code.");
            place = found[0];
        }
        else return (null, "a party needs a code or a name.");

        return (new Party(place.Code, place.Names.En, place.Level, place.Country, gazetteer.RegionOf(place.Code)), null);
    }
}
