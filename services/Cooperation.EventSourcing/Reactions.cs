using Cooperation.Contracts;
using Cooperation.Vocabulary;

namespace Cooperation.EventSourcing;

/// <summary>
/// A write made in reaction to an integration event: on behalf of the event's actor, in its correlation, caused by it; the
/// actor is judged by the countries this service serves, as a request's would be.
/// </summary>
public static class Reactions
{
    public static WriteContext Reacting(this IIntegrationEvent message, string consumer, TimeProvider clock, ServedCountries served) =>
        new(new Actor(message.Metadata.Actor.Sub, message.Metadata.Actor.Role, message.Metadata.Actor.Region, served),
            ExpectedVersion: null, IdempotencyKey: null, Route: consumer, message.Metadata.CorrelationId, clock.GetUtcNow(),
            CausationId: message.Metadata.EventId.ToString());
}
