namespace Cooperation.Trade.CompanyCounts;

/// <summary>What decisions about a count of companies with foreign investment need to know.</summary>
public sealed record CompanyCount(Guid Id, Party Place, CompanyNumbers Numbers)
{
    public static CompanyCount Create(ForeignInvestedCompaniesCounted e) => new(e.CountId, e.Place, e.Numbers);

    public CompanyCount Apply(ForeignInvestedCompaniesRecounted e) => this with { Numbers = e.Numbers };

    /// <summary>Committees change the counts of places in their territory; the ministry national ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite([Place]) ? null : DomainError.Forbidden("This count is not of your territory.");
}
