using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Agreements.Details;

/// <summary>
/// An agreement as clients see it; <see cref="Regions"/> and the date bounds also serve the list filters.
/// <see cref="SignedDateUnknown"/>: signed, the sources not saying when (signedOn null), until the date is recorded.
/// </summary>
public sealed record AgreementDetails(
    Guid Id,
    string Kind,
    string Title,
    Party[] Parties,
    string[] Spheres,
    AgreementStatus Status,
    PartialDate? SignedOn,
    bool SignedDateUnknown,
    string? Place,
    Signatory[] Signatories,
    PartialDate? ValidUntil,
    Guid? ParentAgreementId,
    Source? Source,
    string? Note,
    Amendment[] Amendments,
    AttachedPlan[] Plans,
    LinkedVisit[] Visits,
    PlanItemView[] Items,
    SetUpCommission[] Commissions,
    Termination? Termination,
    long Version,
    string RegisteredBy,
    DateTimeOffset UpdatedAt,
    string[] PartyCodes,
    string[] Regions,
    DateOnly? SignedFrom,
    DateOnly? ValidThrough,
    string SearchText) : IView<AgreementDetails>
{
    /// <summary>The status on a given day: a signed agreement past its validity has expired, an open item past its due date is overdue.</summary>
    public AgreementDetails On(DateOnly day) => this with
    {
        Status = Status == AgreementStatus.Signed && ValidThrough < day ? AgreementStatus.Expired : Status,
        Items = Items.Select(i => i.On(day)).ToArray(),
    };

    /// <summary>How far a plan of events or a programme has been carried out; null for other kinds.</summary>
    public PlanProgress? Progress => Kind is AgreementKinds.PlanOfEvents or AgreementKinds.Programme ? PlanProgress.Of(Items) : null;
}

/// <param name="Due">By when, as the plan says it: a month or a year counts to its end.</param>
/// <param name="State">open, done, cancelled, or overdue (open after its due date).</param>
public sealed record PlanItemView(Guid Id, string Title, PartialDate? Due, string? Sphere, string? Responsible, PlanItemState State,
    PartialDate? CompletedOn = null, Guid? VisitId = null, string? Note = null, string? CancelReason = null)
{
    public PlanItemView On(DateOnly day) => State == PlanItemState.Open && Due?.End < day ? this with { State = PlanItemState.Overdue } : this;
}

public sealed record PlanProgress(int Done, int Open, int Overdue, int Cancelled, int Total)
{
    public static PlanProgress Of(PlanItemView[] items) => new(
        items.Count(i => i.State == PlanItemState.Done), items.Count(i => i.State == PlanItemState.Open),
        items.Count(i => i.State == PlanItemState.Overdue), items.Count(i => i.State == PlanItemState.Cancelled), items.Length);
}

public sealed record Amendment(string Summary, PartialDate EffectiveOn, DateTimeOffset RecordedAt, Source? Source = null);

public sealed record AttachedPlan(Guid Id, string Kind, string Title);

/// <summary>A commission, working group or council this agreement set up.</summary>
public sealed record SetUpCommission(Guid Id, string Kind, string Title);

public sealed record LinkedVisit(Guid Id, Guid DocumentId, string Title, PartialDate? SignedOn);

public sealed record Termination(PartialDate On, string Reason);

public sealed partial class AgreementDetailsProjection : SingleStreamProjection<AgreementDetails, Guid>
{
    public static AgreementDetails Create(IEvent<AgreementRegistered> e)
    {
        var data = e.Data;
        return new AgreementDetails(
            data.AgreementId, data.Kind, data.Title, data.Parties, data.Spheres, Status: AgreementStatus.Draft, SignedOn: null, SignedDateUnknown: false,
            Place: null, Signatories: [], data.ValidUntil, data.ParentAgreementId, data.Source, data.Note,
            Amendments: [], Plans: [], Visits: [], Items: [], Commissions: [], Termination: null,
            Version: e.Version, RegisteredBy: e.UserName ?? "", UpdatedAt: e.Timestamp,
            // A party known only by its country is found as that country's (party=CN lists "a Chinese party").
            PartyCodes: data.Parties.Select(p => p.Level == PartyLevels.Unnamed ? p.Country : p.Code).OfType<string>().Distinct().ToArray(),
            Regions: data.Parties.Select(p => p.Region).OfType<string>().Distinct().ToArray(),
            SignedFrom: null, ValidThrough: data.ValidUntil?.End, SearchText: SearchTextOf(data));
    }

    public static AgreementDetails Apply(IEvent<AgreementSigned> e, AgreementDetails view) =>
        Touch(view, e) with
        {
            Status = AgreementStatus.Signed, SignedOn = e.Data.SignedOn, SignedDateUnknown = e.Data.SignedOn is null, Place = e.Data.Place,
            Signatories = e.Data.Signatories, SignedFrom = e.Data.SignedOn?.Start,
        };

    public static AgreementDetails Apply(IEvent<SignatureDated> e, AgreementDetails view) =>
        Touch(view, e) with
        {
            SignedOn = e.Data.SignedOn, SignedDateUnknown = false, Place = e.Data.Place ?? view.Place,
            Signatories = e.Data.Signatories is [] ? view.Signatories : e.Data.Signatories, SignedFrom = e.Data.SignedOn.Start,
        };

    public static AgreementDetails Apply(IEvent<AgreementAmended> e, AgreementDetails view) =>
        Touch(view, e) with { Amendments = [.. view.Amendments, new Amendment(e.Data.Summary, e.Data.EffectiveOn, e.Timestamp, e.Data.Source)] };

    public static AgreementDetails Apply(IEvent<AgreementExtended> e, AgreementDetails view) =>
        Touch(view, e) with { ValidUntil = e.Data.ValidUntil, ValidThrough = e.Data.ValidUntil.End };

    public static AgreementDetails Apply(IEvent<AgreementTerminated> e, AgreementDetails view) =>
        Touch(view, e) with { Status = AgreementStatus.Terminated, Termination = new Termination(e.Data.On, e.Data.Reason), ValidThrough = Earlier(view.ValidThrough, e.Data.On.Start) };

    public static AgreementDetails Apply(IEvent<PlanAttached> e, AgreementDetails view) =>
        Touch(view, e) with { Plans = [.. view.Plans, new AttachedPlan(e.Data.PlanId, e.Data.Kind, e.Data.Title)] };

    public static AgreementDetails Apply(IEvent<VisitLinked> e, AgreementDetails view) =>
        Touch(view, e) with { Visits = [.. view.Visits, new LinkedVisit(e.Data.VisitId, e.Data.DocumentId, e.Data.Title, e.Data.SignedOn)] };

    public static AgreementDetails Apply(IEvent<CommissionSetUp> e, AgreementDetails view) =>
        Touch(view, e) with { Commissions = [.. view.Commissions, new SetUpCommission(e.Data.CommissionId, e.Data.Kind, e.Data.Title)] };

    public static AgreementDetails Apply(IEvent<PlanItemAdded> e, AgreementDetails view) =>
        Touch(view, e) with { Items = [.. view.Items, new PlanItemView(e.Data.ItemId, e.Data.Title, e.Data.Due, e.Data.Sphere, e.Data.Responsible, PlanItemState.Open)] };

    public static AgreementDetails Apply(IEvent<PlanItemCompleted> e, AgreementDetails view) =>
        WithItem(Touch(view, e), e.Data.ItemId, i => i with { State = PlanItemState.Done, CompletedOn = e.Data.On, VisitId = e.Data.VisitId, Note = e.Data.Note });

    public static AgreementDetails Apply(IEvent<PlanItemCancelled> e, AgreementDetails view) =>
        WithItem(Touch(view, e), e.Data.ItemId, i => i with { State = PlanItemState.Cancelled, CancelReason = e.Data.Reason });

    private static AgreementDetails WithItem(AgreementDetails view, Guid itemId, Func<PlanItemView, PlanItemView> change) =>
        view with { Items = view.Items.Select(i => i.Id == itemId ? change(i) : i).ToArray() };

    private static AgreementDetails Touch(AgreementDetails view, IEvent e) => view with { Version = e.Version, UpdatedAt = e.Timestamp };

    private static DateOnly Earlier(DateOnly? a, DateOnly b) => a is { } x && x < b ? x : b;

    private static string SearchTextOf(AgreementRegistered data)
    {
        var names = data.Parties.SelectMany(p => p.Code is { } code && Gazetteer.Default.Find(code) is { } place
            ? new[] { p.Name, place.Names.En, place.Names.Ru, place.Names.Zh ?? "" }
            : [p.Name]);
        return string.Join(" ", names.Prepend(data.Title)).ToLowerInvariant();
    }
}
