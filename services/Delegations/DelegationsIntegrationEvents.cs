using Cooperation.Contracts;
using Cooperation.Delegations.Exchanges;
using Cooperation.Delegations.Occasions;
using Cooperation.Delegations.VisitCounts;
using JasperFx.Events;
using Contract = Cooperation.Contracts.Delegations;

namespace Cooperation.Delegations;

/// <summary>Stored visit events as the integration contracts other services read.</summary>
public sealed class DelegationsIntegrationEvents : IIntegrationEventMap
{
    public string Service => "delegations";

    public IIntegrationEvent? Map(IEvent stored, EventMetadata metadata) => stored.Data switch
    {
        VisitPlanned e => new Contract.VisitPlanned(metadata, e.VisitId, e.Direction, e.Host.ToRef(), e.Guests.Select(ContractRefs.ToRef).ToArray(),
            e.Head is null ? null : new Contract.HeadRef(e.Head.Name, e.Head.Position), e.PlannedFrom.ToString(), e.PlannedTo?.ToString(),
            e.Purpose, e.Occasion, e.Size, e.Companies, e.CompanyCount, PlanItem(e.PlanItem), e.Qualifiers, e.Source.ToRef(), e.Venue?.ToRef(),
            e.Members?.Select(m => new Contract.MemberRef(m.Name, m.Position)).ToArray(), e.HeldUnder, e.OccasionId),
        VisitStarted e => new Contract.VisitStarted(metadata, e.VisitId, e.On.ToString()),
        VisitRescheduled e => new Contract.VisitRescheduled(metadata, e.VisitId, e.PlannedFrom.ToString(), e.PlannedTo?.ToString(), e.Reason),
        ProgrammeRecorded e => new Contract.VisitProgrammeRecorded(metadata, e.VisitId,
            e.Items.Select(i => new Contract.ProgrammeItemRef(i.On?.ToString(), i.Kind, i.Description)).ToArray()),
        DocumentSigned e => new Contract.DocumentSignedDuringVisit(metadata, e.VisitId, e.DocumentId, e.Title, e.Kind,
            e.Parties.Select(ContractRefs.ToRef).ToArray(), e.SignedOn?.ToString(), e.AgreementId, e.NewAgreement),
        VisitCompleted e => new Contract.VisitCompleted(metadata, e.VisitId, e.From.ToString(), e.To.ToString(), e.Summary, PlanItem(e.PlanItem)),
        PlanItemNamed e => new Contract.VisitPlanItemNamed(metadata, e.VisitId, PlanItem(e.PlanItem)!),
        VisitCancelled e => new Contract.VisitCancelled(metadata, e.VisitId, e.Reason),
        VisitsCounted e => new Contract.VisitsCounted(metadata, e.CountId, e.Direction, e.Host.ToRef(), e.Partner.ToRef(), e.From.ToString(), e.To.ToString(),
            e.Number.Count, e.Number.Qualifier, e.Source.ToRef()),
        VisitsRecounted e => new Contract.VisitsRecounted(metadata, e.CountId, e.Number.Count, e.Number.Qualifier, e.Reason, e.Source.ToRef()),
        OccasionRegistered e => new Contract.OccasionRegistered(metadata, e.OccasionId, Occasion(e.Description), e.Source.ToRef()),
        OccasionRevised e => new Contract.OccasionRevised(metadata, e.OccasionId, Occasion(e.Description), e.Reason),
        OccasionHeld e => new Contract.OccasionHeld(metadata, e.OccasionId, e.Outcomes),
        OccasionCancelled e => new Contract.OccasionCancelled(metadata, e.OccasionId, e.Reason),
        ExchangeRecorded e => new Contract.ExchangeRecorded(metadata, e.ExchangeId, e.Kind, e.Direction, Side(e.From), Side(e.To), e.PeriodFrom.ToString(),
            e.PeriodTo.ToString(), e.AcademicYear, e.Count?.Count, e.Count?.Qualifier, e.Subject,
            e.Opened is null ? null : new Contract.InstitutionOpenedRef(e.Opened.Name, e.Opened.On.ToString()), e.Source.ToRef()),
        ExchangeRevised e => new Contract.ExchangeRevised(metadata, e.ExchangeId, e.Count?.Count, e.Count?.Qualifier, e.Reason),
        _ => null,
    };

    private static Contract.OccasionRef Occasion(OccasionDescription d) => new(d.Kind, d.Title, d.Series, d.Edition, d.Venue?.ToRef(), d.From.ToString(),
        d.To?.ToString(), d.Organisers.Select(ContractRefs.ToRef).ToArray(), d.Participants.Select(ContractRefs.ToRef).ToArray());

    private static Contract.ExchangeSideRef Side(ExchangeSide side) => new(side.Place.ToRef(), side.Institution);

    private static Contract.PlanItemRef? PlanItem(PlanItemLink? link) => link is null ? null : new Contract.PlanItemRef(link.AgreementId, link.ItemId);
}
