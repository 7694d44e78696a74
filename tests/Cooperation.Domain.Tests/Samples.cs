using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;

namespace Cooperation.Domain.Tests;

/// <summary>The places, clerks, day and record id the domain tests share: a test class imports them with <c>using static</c>.</summary>
public static class Samples
{
    public static readonly Party Vitebsk = new("BY-VI", "Vitebsk Oblast", "region", "BY", "BY-VI");
    public static readonly Party Orsha = new("BY-VI-ORSHA-DISTRICT", "Orsha District", "district", "BY", "BY-VI");
    public static readonly Party Gomel = new("BY-HO", "Gomel Oblast", "region", "BY", "BY-HO");
    public static readonly Party Grodno = new("BY-HR", "Grodno Oblast", "region", "BY", "BY-HR");
    public static readonly Party Heilongjiang = new("CN-HL", "Heilongjiang", "region", "CN", "CN-HL");
    public static readonly Party Moscow = new("RU-MOW", "Moscow", "region", "RU", "RU-MOW");
    public static readonly Party China = new("CN", "China", "country", "CN", null);
    /// <summary>The countries the tests' system serves, which every actor carries: BY and RU, as a host serves unless configured.</summary>
    public static readonly ServedCountries Served = new(["BY", "RU"]);

    public static readonly Actor VitebskClerk = new("vitebsk-clerk", Roles.Committee, "BY-VI", Served);
    public static readonly Actor GomelClerk = new("gomel-clerk", Roles.Committee, "BY-HO", Served);
    public static readonly Actor GrodnoClerk = new("grodno-clerk", Roles.Committee, "BY-HR", Served);
    public static readonly DateOnly Today = new(2024, 6, 1);

    /// <summary>The record a test's events are of.</summary>
    public static readonly Guid Id = Guid.NewGuid();

    public static PartialDate D(string text) => PartialDate.Parse(text);
}
