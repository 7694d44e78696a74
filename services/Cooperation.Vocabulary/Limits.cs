namespace Cooperation.Vocabulary;

/// <summary>
/// How much one request may carry (the Limits configuration section); every service checks its input against them. One
/// instance, read from configuration, is a service of each host: what reads a request is given it (see Validation).
/// </summary>
public sealed class Limits
{
    /// <summary>Entries in any list of a request: parties, guests, programme items, commodities, signatories, companies.</summary>
    public int Items { get; init; } = 100;

    /// <summary>A name: of a party, a person, a company, a commodity.</summary>
    public int Name { get; init; } = 300;

    /// <summary>A code: of a place, a country, a region, an organisation.</summary>
    public int Code { get; init; } = 64;

    /// <summary>Any free text, titles included; fields may have tighter limits of their own.</summary>
    public int Text { get; init; } = 4000;

    /// <summary>A URL, e.g. a source's.</summary>
    public int Url { get; init; } = 2000;

    /// <summary>The X-Correlation-Id header.</summary>
    public int CorrelationId { get; init; } = 128;
}
