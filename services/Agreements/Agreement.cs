namespace Cooperation.Agreements;

/// <summary>An agreement's status; expired is never stored: a signed agreement reads as expired once its validity has passed.</summary>
public enum AgreementStatus { Draft, Signed, Expired, Terminated }

/// <summary>What decisions about an agreement need to know.</summary>
public sealed record Agreement(Guid Id, string Kind, AgreementStatus Status, Party[] Parties, PartialDate? SignedOn, PartialDate? ValidUntil)
{
    public static Agreement Create(AgreementRegistered e) =>
        new(e.AgreementId, e.Kind, AgreementStatus.Draft, e.Parties, null, e.ValidUntil);

    public Agreement Apply(AgreementSigned e) => this with { Status = AgreementStatus.Signed, SignedOn = e.SignedOn };

    public Agreement Apply(SignatureDated e) => this with { SignedOn = e.SignedOn };

    public Agreement Apply(AgreementExtended e) => this with { ValidUntil = e.ValidUntil };

    public Agreement Apply(AgreementTerminated e) => this with { Status = AgreementStatus.Terminated };

    public Agreement Apply(AgreementAmended e) => this;

    public Agreement Apply(PlanAttached e) => this;

    public Agreement Apply(VisitLinked e) => this;

    /// <summary>Committees change agreements with a party in their territory; the ministry national-level ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite(Parties) ? null : DomainError.Forbidden("This agreement has no party in your territory.");
}
