namespace Cooperation.Delegations.VisitCounts;

// Stored event type names (visits_counted, ...) are a contract: renaming a record needs a mapping.

/// <summary>
/// How many visits a host received from a partner, or made to it, over a period, when that is all the source gives
/// ("22 delegations received from China in 2011"); the visits themselves are not records.
/// </summary>
/// <param name="Direction">incoming (received by the host) or outgoing (made by it), as for a visit.</param>
public sealed record VisitsCounted(
    Guid CountId,
    string Direction,
    Party Host,
    Party Partner,
    PartialDate From,
    PartialDate To,
    VisitNumber Number,
    Source? Source,
    string? Note);

public sealed record VisitsRecounted(Guid CountId, VisitNumber Number, string Reason, Source? Source = null);

/// <param name="Qualifier">How the source states the count (about, at-least, at-most); null when exact.</param>
public sealed record VisitNumber(int Count, string? Qualifier);
