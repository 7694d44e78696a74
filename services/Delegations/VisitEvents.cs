namespace Cooperation.Delegations;

// Stored event type names (visit_planned, ...) are a contract: renaming a record needs a mapping.

/// <param name="Venue">Where the visit is held when that is neither the host nor a guest (a partner's exhibition in a third country).</param>
/// <param name="Members">The delegation's members beside its head.</param>
/// <param name="HeldUnder">The agreement the visit is held under ("within the agreement in force"), whether or not anything is signed.</param>
/// <param name="OccasionId">The occasion (a fair, a forum) the visit is made to, when it is registered as one.</param>
public sealed record VisitPlanned(
    Guid VisitId,
    string Direction,
    Party Host,
    Party[] Guests,
    Head? Head,
    PartialDate PlannedFrom,
    PartialDate? PlannedTo,
    string? Purpose,
    string? Occasion,
    int? Size,
    string[] Companies,
    int? CompanyCount,
    Source? Source = null,
    string? Note = null,
    PlanItemLink? PlanItem = null, IReadOnlyDictionary<string, string>? Qualifiers = null,
    Party? Venue = null,
    Member[]? Members = null,
    Guid? HeldUnder = null,
    Guid? OccasionId = null);

/// <summary>A member of the delegation beside its head.</summary>
public sealed record Member(string? Name, string? Position);

/// <summary>The committee reports the delegation under way: it has set out or arrived, and is not back yet.</summary>
/// <param name="On">The day, month or year it began, as the source gives it.</param>
public sealed record VisitStarted(Guid VisitId, PartialDate On);

/// <summary>The item of a plan of events or a programme (an agreement) that a visit is to carry out.</summary>
public sealed record PlanItemLink(Guid AgreementId, Guid ItemId);

/// <summary>A planned visit is to carry out this plan item, in place of any named before.</summary>
public sealed record PlanItemNamed(Guid VisitId, PlanItemLink PlanItem);

public sealed record VisitRescheduled(Guid VisitId, PartialDate PlannedFrom, PartialDate? PlannedTo, string? Reason);

public sealed record ProgrammeRecorded(Guid VisitId, ProgrammeItem[] Items);

/// <param name="AgreementId">The agreement the document is: an existing one, or the id it is registered under.</param>
/// <param name="NewAgreement">Whether the Agreements service is to register it, rather than link an existing one.</param>
public sealed record DocumentSigned(
    Guid VisitId,
    Guid DocumentId,
    string Title,
    string Kind,
    Party[] Parties,
    PartialDate? SignedOn,
    Guid AgreementId,
    bool NewAgreement);

/// <param name="PlanItem">The plan item the visit named, carried out by it.</param>
public sealed record VisitCompleted(Guid VisitId, PartialDate From, PartialDate To, string? Summary, PlanItemLink? PlanItem = null);

public sealed record VisitCancelled(Guid VisitId, string Reason);

/// <summary>Who leads the delegation.</summary>
public sealed record Head(string? Name, string? Position);

/// <param name="On">The day, month or year, when the source gives it.</param>
public sealed record ProgrammeItem(PartialDate? On, string Kind, string Description);

public static class VisitVocabulary
{
    public const string Incoming = "incoming";
    public const string Outgoing = "outgoing";

    public static readonly IReadOnlySet<string> Directions = new HashSet<string> { Incoming, Outgoing };

    public static readonly IReadOnlySet<string> ProgrammeKinds = new HashSet<string>
        { "meeting", "negotiations", "enterprise-visit", "forum", "exhibition", "concert", "other" };
}
