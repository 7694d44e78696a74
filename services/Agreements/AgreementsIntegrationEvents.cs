using Cooperation.Contracts;
using JasperFx.Events;
using Cooperation.Agreements.Commissions;
using Cooperation.Agreements.Places;
using Contract = Cooperation.Contracts.Agreements;

namespace Cooperation.Agreements;

/// <summary>Stored agreement events as the integration contracts other services read.</summary>
public sealed class AgreementsIntegrationEvents : IIntegrationEventMap
{
    public string Service => "agreements";

    public IIntegrationEvent? Map(IEvent stored, EventMetadata metadata) => stored.Data switch
    {
        AgreementRegistered e => new Contract.AgreementRegistered(metadata, e.AgreementId, e.Kind, e.Title,
            e.Parties.Select(ContractRefs.ToRef).ToArray(), e.Spheres, e.ValidUntil?.ToString(), e.ParentAgreementId, e.Source.ToRef()),
        AgreementSigned e => new Contract.AgreementSigned(metadata, e.AgreementId, e.SignedOn?.ToString(), e.Place, Signatories(e.Signatories)),
        SignatureDated e => new Contract.AgreementSignatureDated(metadata, e.AgreementId, e.SignedOn.ToString(), e.Place, Signatories(e.Signatories)),
        AgreementAmended e => new Contract.AgreementAmended(metadata, e.AgreementId, e.Summary, e.EffectiveOn.ToString()),
        AgreementExtended e => new Contract.AgreementExtended(metadata, e.AgreementId, e.ValidUntil.ToString()),
        AgreementTerminated e => new Contract.AgreementTerminated(metadata, e.AgreementId, e.On.ToString(), e.Reason),
        PlanAttached e => new Contract.PlanAttachedToAgreement(metadata, e.AgreementId, e.PlanId, e.Kind, e.Title),
        VisitLinked e => new Contract.VisitLinkedToAgreement(metadata, e.AgreementId, e.VisitId, e.DocumentId, e.Title, e.SignedOn?.ToString()),
        PlanItemAdded e => new Contract.PlanItemAdded(metadata, e.AgreementId, e.ItemId, e.Title, e.Due?.ToString(), e.Sphere, e.Responsible),
        PlanItemCompleted e => new Contract.PlanItemCompleted(metadata, e.AgreementId, e.ItemId, e.On.ToString(), e.VisitId, e.Note),
        PlanItemCancelled e => new Contract.PlanItemCancelled(metadata, e.AgreementId, e.ItemId, e.Reason),
        CommissionSetUp e => new Contract.CommissionSetUpUnderAgreement(metadata, e.AgreementId, e.CommissionId, e.Kind, e.Title),
        CommissionFormed e => new Contract.CommissionFormed(metadata, e.CommissionId, e.Kind, e.Title, e.Parties.Select(ContractRefs.ToRef).ToArray(),
            e.FoundingAgreementId, e.FormedOn?.ToString(), e.Source.ToRef()),
        CommissionMemberAppointed e => new Contract.CommissionMemberAppointed(metadata, e.CommissionId, e.MemberId, e.Role, e.Name, e.Position, e.Party,
            e.From?.ToString(), e.Until?.ToString()),
        CommissionSessionHeld e => new Contract.CommissionSessionHeld(metadata, e.CommissionId, e.SessionId, e.FoundingAgreementId, e.Number, e.On.ToString(),
            e.Place is null ? null : ContractRefs.ToRef(e.Place), e.Agenda, e.Decisions.Select(d => d.Text).ToArray(), e.Source.ToRef()),
        PlaceAdded e => new Contract.PlaceAdded(metadata, e.PlaceId, e.Code, e.Level, e.Country, e.Parent, Names(e.Names), e.Aliases, e.Proposed),
        PlaceConfirmed e => new Contract.PlaceConfirmed(metadata, e.PlaceId),
        PlaceRefused e => new Contract.PlaceRefused(metadata, e.PlaceId, e.Reason),
        PlaceRenamed e => new Contract.PlaceRenamed(metadata, e.PlaceId, Names(e.Names)),
        PlaceAliasAdded e => new Contract.PlaceAliasAdded(metadata, e.PlaceId, e.Alias),
        PlaceMerged e => new Contract.PlaceMerged(metadata, e.PlaceId, e.Into),
        _ => null,
    };

    private static Contract.PlaceNamesRef Names(PlaceNames names) => new(names.En, names.Ru, names.Zh);

    private static Contract.SignatoryRef[] Signatories(Signatory[] signatories) =>
        signatories.Select(s => new Contract.SignatoryRef(s.Name, s.Position, s.Party)).ToArray();
}
