namespace Cooperation.Vocabulary;

/// <summary>A party as a client writes it: a code, or a name in any known spelling, or an organisation.</summary>
public sealed record PartyInput(string? Code, string? Name, [property: OneOf(typeof(PartyLevels), nameof(PartyLevels.All))] string? Level, string? Country, string? Region)
{
    /// <summary>Resolves the party through the gazetteer, or says what is wrong with it.</summary>
    public PartyResolution Resolve(Gazetteer gazetteer)
    {
        if (Level is not null && !PartyLevels.All.Contains(Level))
            return new(null, $"level must be one of: {string.Join(", ", PartyLevels.All)}.");
        if (Level == PartyLevels.Unnamed || (Level is null && string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Name) && Country is not null))
            return ResolveUnnamed(gazetteer);
        return Level == PartyLevels.Organisation ? ResolveOrganisation(gazetteer) : ResolvePlace(gazetteer);
    }

    /// <summary>
    /// A party the source does not name, known only by its country (<c>{"country": "CN"}</c>): "a Chinese party". Its name is
    /// a description for readers that need one; its level, <c>unnamed</c>, says it is no name. It lies in no region, so it grants
    /// no territory: the committee's own party does.
    /// </summary>
    private PartyResolution ResolveUnnamed(Gazetteer gazetteer)
    {
        if (!string.IsNullOrWhiteSpace(Code) || !string.IsNullOrWhiteSpace(Name) || Region is not null)
            return new(null, "an unnamed party has only a country: {\"country\": \"CN\"}.", "level");
        if (string.IsNullOrWhiteSpace(Country)) return new(null, "an unnamed party needs its country: an ISO 3166 code such as CN.", "country");
        if (gazetteer.Find(Country) is not { Level: PartyLevels.Country } country)
            return new(null, $"unknown country code '{Country}': an unnamed party needs an ISO 3166 country code such as CN.", "country");
        return new(new Party(null, PartyLevels.UnnamedName(country.Names.En), PartyLevels.Unnamed, country.Code, null), null);
    }

    /// <summary>
    /// An organisation the gazetteer knows (by its code or any of its names) is placed where the gazetteer says; any other
    /// is taken as declared, its region shown but granting no territory.
    /// </summary>
    private PartyResolution ResolveOrganisation(Gazetteer gazetteer)
    {
        var known = (Code is null ? null : gazetteer.Find(Code)) ?? (string.IsNullOrWhiteSpace(Name) ? null : gazetteer.Lookup(Name, PartyLevels.Organisation) is [var one] ? one : null);
        if (known is { Level: PartyLevels.Organisation })
            return new(new Party(known.Code, known.Names.En, PartyLevels.Organisation, known.Country, gazetteer.RegionOf(known.Code)), null);
        if (string.IsNullOrWhiteSpace(Name)) return new(null, "an organisation needs a name.");
        if (Country is not null && gazetteer.Find(Country) is not { Level: PartyLevels.Country })
            return new(null, $"unknown country code '{Country}'.");
        if (Region is not null && gazetteer.Find(Region) is not { Level: PartyLevels.Region })
            return new(null, $"unknown region code '{Region}'.");
        var country = Country?.ToUpperInvariant() ?? (Region is null ? null : gazetteer.Find(Region)!.Country);
        return new(new Party(Code, Name.Trim(), PartyLevels.Organisation, country, Region?.ToUpperInvariant()), null);
    }

    private PartyResolution ResolvePlace(Gazetteer gazetteer)
    {
        Place? place;
        if (!string.IsNullOrWhiteSpace(Code))
        {
            place = gazetteer.Find(Code);
            if (place is null) return new(null, $"unknown place code '{Code}'.");
        }
        else if (!string.IsNullOrWhiteSpace(Name))
        {
            var found = gazetteer.Lookup(Name, Level);
            if (found.Count == 0) return new(null, $"unknown place '{Name}': no country, region, city or district is known by that name.");
            if (found.Count > 1)
                return new(null, $"'{Name}' may mean {string.Join(" or ", found.Select(p => $"{p.Names.En} ({p.Code})"))}; give the code.");
            place = found[0];
        }
        else return new(null, "a party needs a code, a name, or (a party the source does not name) only its country.");

        return new(new Party(place.Code, place.Names.En, place.Level, place.Country, gazetteer.RegionOf(place.Code)), null);
    }
}

/// <summary>A resolved party, or what is wrong with the input and in which of its fields (null: the party as a whole).</summary>
public sealed record PartyResolution(Party? Party, string? Error, string? Field = null)
{
    public void Deconstruct(out Party? party, out string? error) => (party, error) = (Party, Error);
}
