namespace Cooperation.Contracts.Agreements;

public sealed record AgreementRegistered(
    EventMetadata Metadata,
    Guid AgreementId,
    string Kind,
    string Title,
    PartyRef[] Parties,
    string[] Spheres,
    string? ValidUntil,
    Guid? ParentAgreementId,
    SourceRef? Source = null) : IIntegrationEvent;

/// <summary>Signed; <c>SignedOn</c> is null when the sources say it was signed but not when (an <see cref="AgreementSignatureDated"/> may follow).</summary>
public sealed record AgreementSigned(
    EventMetadata Metadata,
    Guid AgreementId,
    string? SignedOn,
    string? Place,
    SignatoryRef[] Signatories) : IIntegrationEvent;

/// <summary>The date of a signature published without one; a place or signatories given replace those published.</summary>
public sealed record AgreementSignatureDated(
    EventMetadata Metadata,
    Guid AgreementId,
    string SignedOn,
    string? Place,
    SignatoryRef[] Signatories) : IIntegrationEvent;

public sealed record SignatoryRef(string Name, string? Position, string? Party);

public sealed record AgreementAmended(EventMetadata Metadata, Guid AgreementId, string Summary, string EffectiveOn) : IIntegrationEvent;

public sealed record AgreementExtended(EventMetadata Metadata, Guid AgreementId, string ValidUntil) : IIntegrationEvent;

public sealed record AgreementTerminated(EventMetadata Metadata, Guid AgreementId, string On, string Reason) : IIntegrationEvent;

public sealed record PlanAttachedToAgreement(EventMetadata Metadata, Guid AgreementId, Guid PlanId, string Kind, string Title) : IIntegrationEvent;

/// <summary>A visit during which the agreement was signed, now listed on the agreement.</summary>
public sealed record VisitLinkedToAgreement(EventMetadata Metadata, Guid AgreementId, Guid VisitId, Guid DocumentId, string Title, string? SignedOn) : IIntegrationEvent;

/// <summary>An item listed on a plan of events or a programme; <c>Due</c> a partial date (a month or a year counts to its end).</summary>
public sealed record PlanItemAdded(EventMetadata Metadata, Guid AgreementId, Guid ItemId, string Title, string? Due, string? Sphere, string? Responsible) : IIntegrationEvent;

/// <summary>An item carried out on <c>On</c>, through the visit <c>VisitId</c> when one carried it out.</summary>
public sealed record PlanItemCompleted(EventMetadata Metadata, Guid AgreementId, Guid ItemId, string On, Guid? VisitId, string? Note) : IIntegrationEvent;

public sealed record PlanItemCancelled(EventMetadata Metadata, Guid AgreementId, Guid ItemId, string Reason) : IIntegrationEvent;

/// <summary>A commission, working group or council formed by its parties, set up by <c>FoundingAgreementId</c> where the sources name one.</summary>
public sealed record CommissionFormed(
    EventMetadata Metadata,
    Guid CommissionId,
    string Kind,
    string Title,
    PartyRef[] Parties,
    Guid? FoundingAgreementId,
    string? FormedOn,
    SourceRef? Source = null) : IIntegrationEvent;

/// <summary>A body formed under this agreement, now listed on it.</summary>
public sealed record CommissionSetUpUnderAgreement(EventMetadata Metadata, Guid AgreementId, Guid CommissionId, string Kind, string Title) : IIntegrationEvent;

/// <summary>A co-chair, curator, secretary or member of a commission, from and until a partial date where known.</summary>
public sealed record CommissionMemberAppointed(
    EventMetadata Metadata,
    Guid CommissionId,
    Guid MemberId,
    string Role,
    string Name,
    string? Position,
    string? Party,
    string? From,
    string? Until) : IIntegrationEvent;

/// <summary>
/// A session of a commission held <c>On</c> (a partial date): activity between its parties, and under the agreement that set the
/// commission up (<c>FoundingAgreementId</c>, when there is one), as a visit held under it is. Decisions that added plan items are
/// published as those items (<see cref="PlanItemAdded"/>) in the same commit.
/// </summary>
public sealed record CommissionSessionHeld(
    EventMetadata Metadata,
    Guid CommissionId,
    Guid SessionId,
    Guid? FoundingAgreementId,
    int? Number,
    string On,
    PartyRef? Place,
    string[] Agenda,
    string[] Decisions,
    SourceRef? Source = null) : IIntegrationEvent;
