namespace Cooperation.Delegations.VisitCounts;

/// <summary>What decisions about a count of visits for a period need to know.</summary>
public sealed record VisitCount(Guid Id, Party Host, VisitNumber Number)
{
    public static VisitCount Create(VisitsCounted e) => new(e.CountId, e.Host, e.Number);

    public VisitCount Apply(VisitsRecounted e) => this with { Number = e.Number };

    /// <summary>Committees change the counts their territory hosts; the ministry national ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite([Host]) ? null : DomainError.Forbidden("This count is not of your territory.");
}
