namespace Cooperation.Vocabulary;

/// <summary>A side of an agreement, a visit or a trade report.</summary>
/// <param name="Code">Gazetteer code (ISO 3166 where one exists); organisations may have none.</param>
/// <param name="Region">The first-level region the party lies in (itself for a region), used for territory rules.</param>
public sealed record Party(string? Code, string Name, string Level, string? Country, string? Region);

public static class PartyLevels
{
    public const string Country = "country";
    public const string Region = "region";
    public const string City = "city";
    public const string District = "district";
    public const string Organisation = "organisation";

    /// <summary>A party the source does not name, known only by its country.</summary>
    public const string Unnamed = "unnamed";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Country, Region, City, District, Organisation, Unnamed };

    /// <summary>What an unnamed party is called where a name is needed: "A party of China, not named".</summary>
    public static string UnnamedName(string countryName) => $"A party of {countryName}, not named";
}
