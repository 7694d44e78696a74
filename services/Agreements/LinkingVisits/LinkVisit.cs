using Cooperation.Agreements.Registering;
using MassTransit;
using Contract = Cooperation.Contracts.Delegations;
// A slice's class bears its folder's name, which from a sibling folder names the namespace rather than the class.
using Registration = Cooperation.Agreements.Registering.Registering;

namespace Cooperation.Agreements.LinkingVisits;

/// <summary>A document signed during a visit: the agreement it is, registered here when new, and the visit listed on it.</summary>
public sealed record LinkVisit(Guid AgreementId, Guid VisitId, Guid DocumentId, string Title, PartialDate? SignedOn);

public static class LinkingVisits
{
    /// <summary>A committee links only agreements it may change; the ministry any (<see cref="Territory.MayLink"/>).</summary>
    public static Decision Decide(Agreement agreement, LinkVisit command, Actor actor) =>
        actor.MayLink(agreement.Parties)
            ? Decision.Of(new VisitLinked(agreement.Id, command.VisitId, command.DocumentId, command.Title, command.SignedOn))
            : DomainError.Forbidden("You may link only agreements with a party in your own territory.");

    /// <summary>A new agreement registered from the document, as signed on its date, with the visit already listed.</summary>
    public static Decision DecideNew(RegisterAgreement register, LinkVisit command)
    {
        var registered = Registration.Decide(register);
        if (registered.Error is not null) return registered;
        return Decision.Of([.. registered.Events, new VisitLinked(command.AgreementId, command.VisitId, command.DocumentId, command.Title, command.SignedOn)]);
    }
}

/// <summary>Registers or links the agreement behind every document signed during a visit, once per event.</summary>
public sealed class RegisterVisitDocumentConsumer(IDocumentSession session, TimeProvider clock, ServedCountries served,
    ILogger<RegisterVisitDocumentConsumer> logger)
    : IConsumer<Contract.DocumentSignedDuringVisit>
{
    public Task Consume(ConsumeContext<Contract.DocumentSignedDuringVisit> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        return session.HandleOnce(nameof(RegisterVisitDocumentConsumer), message, clock, async () =>
        {
            var write = message.Reacting(nameof(RegisterVisitDocumentConsumer), clock, served);
            var signedOn = message.SignedOn is null ? (PartialDate?)null : PartialDate.Parse(message.SignedOn);
            var link = new LinkVisit(message.AgreementId, message.VisitId, message.DocumentId, message.Title, signedOn);
            if (!message.NewAgreement)
            {
                var linked = await session.Append<Agreement>(message.AgreementId, write, message, a => LinkingVisits.Decide(a, link, write.Actor), ct);
                linked.Settle(logger, message);
                return;
            }
            var parties = message.Parties.Select(p => new Party(p.Code, p.Name, p.Level, p.Country, p.Region)).ToArray();
            var register = new RegisterAgreement(message.AgreementId, message.Kind, message.Title, parties, Spheres: [], signedOn, Place: null,
                Signatories: [], ValidUntil: null, ParentAgreementId: null, Source: null, write.Actor, write.Today);
            var created = await session.Start<Agreement>(message.AgreementId, write, message, () => LinkingVisits.DecideNew(register, link), ct);
            created.Settle(logger, message);
        }, ct);
    }
}
