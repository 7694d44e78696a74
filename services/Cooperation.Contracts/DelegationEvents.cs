namespace Cooperation.Contracts.Delegations;

/// <param name="Venue">Where the visit is held when that is neither the host nor a guest.</param>
/// <param name="HeldUnder">The agreement the visit is held under, whether or not anything is signed during it.</param>
/// <param name="OccasionId">The occasion (a fair, a forum: <see cref="OccasionRegistered"/>) the visit is made to.</param>
public sealed record VisitPlanned(
    EventMetadata Metadata,
    Guid VisitId,
    string Direction,
    PartyRef Host,
    PartyRef[] Guests,
    HeadRef? Head,
    string PlannedFrom,
    string? PlannedTo,
    string? Purpose,
    string? Occasion,
    int? Size,
    string[] Companies,
    int? CompanyCount,
    PlanItemRef? PlanItem = null, IReadOnlyDictionary<string, string>? Qualifiers = null,
    SourceRef? Source = null,
    PartyRef? Venue = null,
    MemberRef[]? Members = null,
    Guid? HeldUnder = null,
    Guid? OccasionId = null) : IIntegrationEvent;

/// <summary>A member of the delegation beside its head.</summary>
public sealed record MemberRef(string? Name, string? Position);

/// <summary>The committee reports the delegation under way; <c>On</c> is a partial date (2023, 2023-05, 2023-05-14).</summary>
public sealed record VisitStarted(EventMetadata Metadata, Guid VisitId, string On) : IIntegrationEvent;

/// <summary>The item of a plan of events or a programme (an agreement) that a visit carries out.</summary>
public sealed record PlanItemRef(Guid AgreementId, Guid ItemId);

public sealed record HeadRef(string? Name, string? Position);

/// <summary>A planned visit is to carry out this plan item, in place of any it named before.</summary>
public sealed record VisitPlanItemNamed(EventMetadata Metadata, Guid VisitId, PlanItemRef PlanItem) : IIntegrationEvent;

public sealed record VisitRescheduled(EventMetadata Metadata, Guid VisitId, string PlannedFrom, string? PlannedTo, string? Reason) : IIntegrationEvent;

public sealed record VisitProgrammeRecorded(EventMetadata Metadata, Guid VisitId, ProgrammeItemRef[] Items) : IIntegrationEvent;

public sealed record ProgrammeItemRef(string? On, string Kind, string Description);

/// <param name="AgreementId">The agreement the document is: an existing one, or the id under which it is to be registered.</param>
/// <param name="NewAgreement">True when the Agreements service should register it; false when it links an existing one.</param>
public sealed record DocumentSignedDuringVisit(
    EventMetadata Metadata,
    Guid VisitId,
    Guid DocumentId,
    string Title,
    string Kind,
    PartyRef[] Parties,
    string? SignedOn,
    Guid AgreementId,
    bool NewAgreement) : IIntegrationEvent;

/// <param name="PlanItem">The plan item the visit carries out, which the Agreements service then records as done on <c>To</c>.</param>
public sealed record VisitCompleted(EventMetadata Metadata, Guid VisitId, string From, string To, string? Summary, PlanItemRef? PlanItem = null) : IIntegrationEvent;

public sealed record VisitCancelled(EventMetadata Metadata, Guid VisitId, string Reason) : IIntegrationEvent;

/// <summary>How many visits a host received from a partner (incoming) or made to it (outgoing) over a period; <c>From</c> and <c>To</c> are partial dates.</summary>
/// <param name="Qualifier">How the source states the count (about, at-least, at-most); null when exact.</param>
/// <param name="Source">The document the count was taken from; null when none was given.</param>
public sealed record VisitsCounted(EventMetadata Metadata, Guid CountId, string Direction, PartyRef Host, PartyRef Partner, string From, string To,
    int Count, string? Qualifier, SourceRef? Source = null) : IIntegrationEvent;

/// <summary>A count of visits corrected; the number it replaces stays in the history.</summary>
/// <param name="Source">The document the corrected count was taken from; null when none was given.</param>
public sealed record VisitsRecounted(EventMetadata Metadata, Guid CountId, int Count, string? Qualifier, string Reason, SourceRef? Source = null) : IIntegrationEvent;

/// <summary>
/// An event that is not a visit (kind: fair, forum, exhibition, city-days, festival, concert, conference, competition, other),
/// with its series and edition; <c>From</c> and <c>To</c> are partial dates. Visits made to it name it in <see cref="VisitPlanned.OccasionId"/>.
/// </summary>
public sealed record OccasionRegistered(EventMetadata Metadata, Guid OccasionId, OccasionRef Occasion, SourceRef? Source) : IIntegrationEvent;

/// <summary>What an occasion is: its kind, title, series and edition, venue, dates, organisers and participants.</summary>
public sealed record OccasionRef(string Kind, string Title, string? Series, int? Edition, PartyRef? Venue, string From, string? To,
    PartyRef[] Organisers, PartyRef[] Participants);

/// <summary>An occasion revised: what it now is, whole.</summary>
public sealed record OccasionRevised(EventMetadata Metadata, Guid OccasionId, OccasionRef Occasion, string Reason) : IIntegrationEvent;

/// <summary>An occasion took place, with what came of it.</summary>
public sealed record OccasionHeld(EventMetadata Metadata, Guid OccasionId, string[] Outcomes) : IIntegrationEvent;

public sealed record OccasionCancelled(EventMetadata Metadata, Guid OccasionId, string Reason) : IIntegrationEvent;

/// <summary>
/// People (kind: students, teachers, specialists, other) sent or received between two places over a period (partial dates), with
/// their number as the source states it (<c>Qualifier</c>: about, at-least, at-most; null when exact) and an institution opened for it.
/// </summary>
/// <param name="Direction">sent (the recording committee's side is <c>From</c>) or received (it is <c>To</c>).</param>
public sealed record ExchangeRecorded(EventMetadata Metadata, Guid ExchangeId, string Kind, string Direction, ExchangeSideRef From, ExchangeSideRef To,
    string PeriodFrom, string PeriodTo, string? AcademicYear, int? Count, string? Qualifier, string? Subject, InstitutionOpenedRef? Opened,
    SourceRef? Source) : IIntegrationEvent;

public sealed record ExchangeSideRef(PartyRef Place, string? Institution);

/// <summary>An institution opened for an exchange; <c>On</c> is a partial date.</summary>
public sealed record InstitutionOpenedRef(string Name, string On);

/// <summary>An exchange's number of people corrected; the one it replaces stays in the history.</summary>
public sealed record ExchangeRevised(EventMetadata Metadata, Guid ExchangeId, int? Count, string? Qualifier, string Reason) : IIntegrationEvent;
