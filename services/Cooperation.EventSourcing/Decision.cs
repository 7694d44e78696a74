using Cooperation.ServiceDefaults;

namespace Cooperation.EventSourcing;

/// <summary>What a pure decision returns: the events to append, or why not.</summary>
public sealed record Decision(IReadOnlyList<object> Events, DomainError? Error)
{
    public static Decision Of(params object[] events) => new(events, null);

    public static implicit operator Decision(DomainError error) => new([], error);
}
