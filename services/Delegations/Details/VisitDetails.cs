using Cooperation.KnownAgreements;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Delegations.Details;

/// <summary>A visit as clients see it; <see cref="Regions"/>, <see cref="Partners"/> and the day bounds also serve the list filters.</summary>
/// <param name="Venue">Where it is held when that is neither the host nor a guest.</param>
/// <param name="Members">Who goes beside the head.</param>
/// <param name="HeldUnder">The id of the agreement it is held under.</param>
/// <param name="HeldUnderAgreement">That agreement as the Agreements service last reported it; null until its registration has arrived here.</param>
/// <param name="StartedOn">When it began, once its committee reported it under way.</param>
/// <param name="OccasionId">The occasion (a fair, a forum) it is made to, when one is registered.</param>
public sealed record VisitDetails(
    Guid Id,
    string Direction,
    Party Host,
    Party[] Guests,
    Head? Head,
    PartialDate PlannedFrom,
    PartialDate? PlannedTo,
    string? Purpose,
    string? Occasion,
    int? Size,
    string[] Companies,
    int? CompanyCount,
    Source? Source,
    string? Note,
    VisitStatus Status,
    ScheduleChange[] ScheduleChanges,
    ProgrammeItem[] Programme,
    VisitDocument[] Documents,
    Completion? Completion,
    string? CancellationReason,
    long Version,
    string PlannedBy,
    DateTimeOffset UpdatedAt,
    string[] Regions,
    string[] Partners,
    DateOnly FirstDay,
    DateOnly LastDay,
    Guid[] AgreementIds,
    PlanItemLink? PlanItem = null, IReadOnlyDictionary<string, string>? Qualifiers = null,
    Party? Venue = null,
    Member[]? Members = null,
    Guid? HeldUnder = null,
    LinkedAgreement? HeldUnderAgreement = null,
    PartialDate? StartedOn = null,
    Guid? OccasionId = null) : IView<VisitDetails>
{
    /// <summary>The status on a given day: a visit still planned (not under way) after its last planned day is overdue.</summary>
    public VisitDetails On(DateOnly day) => Status == VisitStatus.Planned && LastDay < day ? this with { Status = VisitStatus.Overdue } : this;
}

public sealed record ScheduleChange(PartialDate PlannedFrom, PartialDate? PlannedTo, string? Reason, DateTimeOffset RecordedAt);

/// <param name="Agreement">The agreement as the Agreements service last reported it; null until its registration has arrived here.</param>
public sealed record VisitDocument(Guid Id, string Title, string Kind, Party[] Parties, PartialDate? SignedOn, Guid AgreementId,
    LinkedAgreement? Agreement);

public sealed record LinkedAgreement(string Title, KnownAgreementStatus Status, PartialDate? SignedOn, PartialDate? TerminatedOn);

public sealed record Completion(PartialDate From, PartialDate To, string? Summary);

public sealed partial class VisitDetailsProjection : SingleStreamProjection<VisitDetails, Guid>
{
    public static VisitDetails Create(IEvent<VisitPlanned> e)
    {
        var data = e.Data;
        return new VisitDetails(data.VisitId, data.Direction, data.Host, data.Guests, data.Head, data.PlannedFrom, data.PlannedTo, data.Purpose,
            data.Occasion, data.Size, data.Companies, data.CompanyCount, data.Source, data.Note,
            Status: VisitStatus.Planned, ScheduleChanges: [], Programme: [], Documents: [], Completion: null, CancellationReason: null,
            Version: e.Version, PlannedBy: e.UserName ?? "", UpdatedAt: e.Timestamp,
            Regions: new[] { data.Host.Region, data.Host.Code }.OfType<string>().Distinct().ToArray(),
            Partners: data.Guests.SelectMany(g => new[] { g.Code, g.Region, g.Country }).OfType<string>().Distinct().ToArray(),
            FirstDay: data.PlannedFrom.Start, LastDay: (data.PlannedTo ?? data.PlannedFrom).End, AgreementIds: [], data.PlanItem, data.Qualifiers,
            data.Venue, data.Members, data.HeldUnder, OccasionId: data.OccasionId);
    }

    public static VisitDetails Apply(IEvent<VisitRescheduled> e, VisitDetails view) =>
        Touch(view, e) with
        {
            PlannedFrom = e.Data.PlannedFrom, PlannedTo = e.Data.PlannedTo,
            ScheduleChanges = [.. view.ScheduleChanges, new ScheduleChange(e.Data.PlannedFrom, e.Data.PlannedTo, e.Data.Reason, e.Timestamp)],
            FirstDay = e.Data.PlannedFrom.Start, LastDay = (e.Data.PlannedTo ?? e.Data.PlannedFrom).End,
        };

    public static VisitDetails Apply(IEvent<PlanItemNamed> e, VisitDetails view) => Touch(view, e) with { PlanItem = e.Data.PlanItem };

    public static VisitDetails Apply(IEvent<ProgrammeRecorded> e, VisitDetails view) =>
        Touch(view, e) with { Programme = [.. view.Programme, .. e.Data.Items] };

    public static VisitDetails Apply(IEvent<DocumentSigned> e, VisitDetails view) =>
        Touch(view, e) with
        {
            Documents = [.. view.Documents, new VisitDocument(e.Data.DocumentId, e.Data.Title, e.Data.Kind, e.Data.Parties, e.Data.SignedOn, e.Data.AgreementId, null)],
            AgreementIds = [.. view.AgreementIds, e.Data.AgreementId],
        };

    public static VisitDetails Apply(IEvent<VisitStarted> e, VisitDetails view) =>
        Touch(view, e) with { Status = VisitStatus.UnderWay, StartedOn = e.Data.On };

    public static VisitDetails Apply(IEvent<VisitCompleted> e, VisitDetails view) =>
        Touch(view, e) with { Status = VisitStatus.Completed, Completion = new Completion(e.Data.From, e.Data.To, e.Data.Summary), FirstDay = e.Data.From.Start, LastDay = e.Data.To.End };

    public static VisitDetails Apply(IEvent<VisitCancelled> e, VisitDetails view) =>
        Touch(view, e) with { Status = VisitStatus.Cancelled, CancellationReason = e.Data.Reason };

    private static VisitDetails Touch(VisitDetails view, IEvent e) => view with { Version = e.Version, UpdatedAt = e.Timestamp };
}
