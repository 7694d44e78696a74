namespace Cooperation.Agreements.Commissions;

// Stored event type names (commission_formed, ...) are a contract: renaming a record needs a mapping.

/// <summary>A commission, working group or council formed by its parties, set up by an agreement where the sources name one.</summary>
public sealed record CommissionFormed(
    Guid CommissionId,
    string Kind,
    string Title,
    Party[] Parties,
    Guid? FoundingAgreementId,
    PartialDate? FormedOn,
    Source? Source,
    string? Note = null);

/// <summary>A co-chair, curator, secretary or member: a person and an office, for a side, from a date (until one, where known).</summary>
public sealed record CommissionMemberAppointed(
    Guid CommissionId,
    Guid MemberId,
    string Role,
    string Name,
    string? Position,
    string? Party,
    PartialDate? From,
    PartialDate? Until,
    Source? Source);

/// <summary>
/// A session held: when, where, what it discussed and decided; a decision may have added an item to a plan of events.
/// <see cref="FoundingAgreementId"/> is the commission's, so that a reader counts the session as activity under that agreement.
/// </summary>
public sealed record CommissionSessionHeld(
    Guid CommissionId,
    Guid SessionId,
    Guid? FoundingAgreementId,
    int? Number,
    PartialDate On,
    Party? Place,
    string[] Agenda,
    SessionDecision[] Decisions,
    Source? Source,
    string? Note = null);

/// <param name="PlanId">The plan of events the decision added an item to, with the item's id.</param>
public sealed record SessionDecision(string Text, Guid? PlanId, Guid? ItemId);
