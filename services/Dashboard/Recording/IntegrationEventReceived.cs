using System.Collections.Frozen;
using System.Text.Json;
using Cooperation.Contracts;

namespace Cooperation.Dashboard.Recording;

/// <summary>
/// An integration event as the dashboard received it, kept in the dashboard's own log: the contract's name and the
/// message exactly as it was sent. Events of contracts this build does not know yet are kept too, so a later build
/// that knows them reads them from the log without asking the source services for anything.
/// </summary>
/// <param name="Contract">The contract's full name, e.g. Cooperation.Contracts.Agreements.AgreementSigned.</param>
/// <param name="Message">The message as sent on the exchange (the envelope's <c>message</c>).</param>
/// <param name="Replayed">Whether it came from an auditor's replay rather than live.</param>
public sealed record IntegrationEventReceived(string Contract, EventMetadata Metadata, JsonElement Message, bool Replayed)
{
    private static readonly FrozenDictionary<string, Type> Contracts = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.FullName!);

    /// <summary>The service that published it, e.g. agreements.</summary>
    public string Service => Metadata.Service;

    /// <summary>The typed contract, or null for a contract this build does not know.</summary>
    public IIntegrationEvent? Read() =>
        Contracts.TryGetValue(Contract, out var type) ? (IIntegrationEvent?)Message.Deserialize(type, JsonSerializerOptions.Web) : null;

    /// <summary>Reads the MassTransit envelope documented in the README: the first message type names the contract.</summary>
    public static IntegrationEventReceived FromEnvelope(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var envelope = document.RootElement;
        var urn = envelope.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()!)
            .First(t => !t.EndsWith(":IIntegrationEvent", StringComparison.Ordinal));
        var message = envelope.GetProperty("message").Clone();
        var metadata = message.GetProperty("metadata").Deserialize<EventMetadata>(JsonSerializerOptions.Web)!;
        var replayed = envelope.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
            && headers.TryGetProperty(IntegrationEvents.ReplayHeader, out _);
        return new IntegrationEventReceived(ContractName(urn), metadata, message, replayed);
    }

    /// <summary>urn:message:Cooperation.Contracts.Agreements:AgreementSigned -> Cooperation.Contracts.Agreements.AgreementSigned</summary>
    public static string ContractName(string urn)
    {
        var name = urn.StartsWith("urn:message:", StringComparison.Ordinal) ? urn["urn:message:".Length..] : urn;
        return name.Replace(':', '.');
    }
}
