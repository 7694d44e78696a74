namespace Cooperation.Agreements;

// Stored event type names (agreement_registered, ...) are a contract: renaming a record needs a mapping.

public sealed record AgreementRegistered(
    Guid AgreementId,
    string Kind,
    string Title,
    Party[] Parties,
    string[] Spheres,
    PartialDate? ValidUntil,
    Guid? ParentAgreementId,
    Source? Source,
    string? Note = null);

/// <summary>Signed; <see cref="SignedOn"/> is null when the sources say it was signed but not when.</summary>
public sealed record AgreementSigned(Guid AgreementId, PartialDate? SignedOn, string? Place, Signatory[] Signatories);

/// <summary>The date of a signature first recorded without one; a place or signatories given replace those recorded.</summary>
public sealed record SignatureDated(Guid AgreementId, PartialDate SignedOn, string? Place, Signatory[] Signatories);

/// <summary>Amended; the amendment may come from a document of its own.</summary>
public sealed record AgreementAmended(Guid AgreementId, string Summary, PartialDate EffectiveOn, Source? Source = null);

public sealed record AgreementExtended(Guid AgreementId, PartialDate ValidUntil);

public sealed record AgreementTerminated(Guid AgreementId, PartialDate On, string Reason);

/// <summary>Recorded on the parent when a plan of events or a programme is registered under it.</summary>
public sealed record PlanAttached(Guid AgreementId, Guid PlanId, string Kind, string Title);

/// <summary>Recorded when a document signed during a visit is this agreement.</summary>
public sealed record VisitLinked(Guid AgreementId, Guid VisitId, Guid DocumentId, string Title, PartialDate? SignedOn);

/// <summary>Recorded when a commission, working group or council is formed under this agreement.</summary>
public sealed record CommissionSetUp(Guid AgreementId, Guid CommissionId, string Kind, string Title);

public sealed record Signatory(string Name, string? Position, string? Party);

/// <summary>An item of a plan of events or a programme: what is to be done, by when, in which sphere and by whom, as the plan lists it.</summary>
public sealed record PlanItemAdded(Guid AgreementId, Guid ItemId, string Title, PartialDate? Due, string? Sphere, string? Responsible);

/// <summary>An item carried out, on a date, through a visit when one carried it out.</summary>
public sealed record PlanItemCompleted(Guid AgreementId, Guid ItemId, PartialDate On, Guid? VisitId, string? Note);

public sealed record PlanItemCancelled(Guid AgreementId, Guid ItemId, string Reason);
