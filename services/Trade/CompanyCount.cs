using Cooperation.Vocabulary;

namespace Cooperation.Trade;

/// <summary>What decisions about a count of companies with foreign investment need to know.</summary>
public sealed record CompanyCount(Guid Id, Party Place, CompanyNumbers Numbers)
{
    public static CompanyCount Create(ForeignInvestedCompaniesCounted e) => new(e.CountId, e.Place, e.Numbers);

    public CompanyCount Apply(ForeignInvestedCompaniesRecounted e) => this with { Numbers = e.Numbers };
}
