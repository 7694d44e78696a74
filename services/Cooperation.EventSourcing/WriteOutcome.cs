using Cooperation.ServiceDefaults;

namespace Cooperation.EventSourcing;

/// <summary>What a write did: the record and its version, or why it was refused; <see cref="Replayed"/> when it answers a retry.</summary>
public sealed record WriteOutcome(Guid Id, long Version, DomainError? Error = null, bool Replayed = false, ValidatedWrite? Validated = null);

/// <summary>
/// The answer to a write made with <c>?validateOnly=true</c>, under 202 Accepted: it was validated and decided as it would be,
/// and these are the events it would append, at the version it would leave the record; nothing was stored.
/// </summary>
public sealed record ValidatedWrite(Guid Id, long Version, IReadOnlyList<WouldAppend> Events)
{
    public bool ValidateOnly => true;
}

public sealed record WouldAppend(Guid StreamId, string Type, object Data);
