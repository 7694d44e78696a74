using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Cooperation.Contracts;
using MassTransit;

namespace Cooperation.Dashboard.Recording;

/// <summary>
/// An integration event as the dashboard received it, kept in the dashboard's own log: the contract's name and the
/// message exactly as it was sent. Events of contracts this build does not know yet are kept too, so a later build
/// that knows them reads them from the log without asking the source services for anything.
/// </summary>
/// <param name="Contract">The contract's full name, e.g. Cooperation.Contracts.Agreements.AgreementSigned.</param>
/// <param name="Message">The message as sent on the exchange (the envelope's <c>message</c>).</param>
/// <param name="Replayed">Whether it came from an auditor's replay rather than live.</param>
public sealed record IntegrationEventReceived(string Contract, EventMetadata Metadata, JsonObject Message, bool Replayed)
{
    private static readonly FrozenDictionary<string, Type> Contracts = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.FullName!);

    private IIntegrationEvent? read;

    /// <summary>The service that published it, e.g. agreements.</summary>
    public string Service => Metadata.Service;

    /// <summary>The typed contract, or null for a contract this build does not know; read from the message once, on first use.</summary>
    [JsonIgnore]
    public IIntegrationEvent? Event => read ??= Contracts.TryGetValue(Contract, out var type)
        ? (IIntegrationEvent?)Message.Deserialize(type, JsonSerializerOptions.Web)
        : null;

    /// <summary>
    /// What MassTransit has already read of the envelope documented in services/Cooperation.Contracts/README.md: the first message type names the
    /// contract, the message is kept as its JSON, the metadata is the one the consumer was given.
    /// </summary>
    public static IntegrationEventReceived From(ConsumeContext<IIntegrationEvent> context)
    {
        var urn = context.SupportedMessageTypes.First(t => !t.EndsWith(":IIntegrationEvent", StringComparison.Ordinal));
        if (!context.SerializerContext.TryGetMessage<JsonObject>(out var message) || message is null)
            throw new InvalidOperationException($"Event {context.Message.Metadata.EventId} has no JSON message.");
        return new IntegrationEventReceived(ContractName(urn), context.Message.Metadata, message,
            context.Headers.TryGetHeader(IntegrationEvents.ReplayHeader, out _));
    }

    /// <summary>urn:message:Cooperation.Contracts.Agreements:AgreementSigned -> Cooperation.Contracts.Agreements.AgreementSigned</summary>
    private static string ContractName(string urn)
    {
        var name = urn.StartsWith("urn:message:", StringComparison.Ordinal) ? urn["urn:message:".Length..] : urn;
        return name.Replace(':', '.');
    }
}
