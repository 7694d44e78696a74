using System.Text.Json.Serialization;
using Cooperation.Contracts;
using Cooperation.Contracts.Agreements;
using Cooperation.Contracts.Delegations;
using Cooperation.Contracts.Trade;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// One agreement as the dashboard counts it. Kind is null while only later events have arrived. Signed is whether it was
/// signed, SignedOn when (null for a date not known). LastActivity is the latest thing seen under it, Items a plan's items,
/// Source the document it was registered from.
/// </summary>
public sealed record AgreementRow(
    Guid Id,
    string? Kind,
    string? Title,
    string? Region,
    Partner[] Partners,
    string[] Spheres,
    bool Signed,
    string? SignedOn,
    string? ValidUntil,
    string? TerminatedOn,
    int Amendments,
    int Plans,
    Guid? ParentAgreementId,
    DateTimeOffset UpdatedAt,
    Activity? LastActivity,
    PlanItemRow[] Items,
    SourceRef? Source = null) : IDashboardRow
{
    public static AgreementRow Empty(Guid id) => new(id, null, null, null, [], [], false, null, null, null, 0, 0, null, DateTimeOffset.MinValue, null, []);

    /// <summary>Signed by the day, and neither terminated nor past its validity on it.</summary>
    public bool InForceOn(DateOnly day) =>
        PartialDate.TryParse(SignedOn, out var signed) && signed.End <= day
        && !(PartialDate.TryParse(TerminatedOn, out var terminated) && terminated.Start <= day)
        && !(PartialDate.TryParse(ValidUntil, out var until) && until.End < day);

    /// <summary>The row as it is after an activity: the later of it and the last one seen (events may arrive in any order; of two on one day, the newer).</summary>
    public AgreementRow Saw(Activity activity) => LastActivity is { } last && last.CompareTo(activity) > 0 ? this : this with { LastActivity = activity };

    public AgreementRow WithItem(Guid itemId, Func<PlanItemRow, PlanItemRow> change) =>
        this with { Items = Items.Select(i => i.Id == itemId ? change(i) : i).ToArray() };

    public int? Year => PartialDate.TryParse(SignedOn, out var date) ? date.Year : null;

    /// <summary>draft, signed, expired (a signed agreement past its validity) or terminated, on a given day.</summary>
    public string StatusOn(DateOnly day) =>
        TerminatedOn is not null ? "terminated"
        : !Signed ? "draft"
        : PartialDate.TryParse(ValidUntil, out var until) && until.End < day ? "expired"
        : "signed";

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);

    // What the dormant-ties list selects and orders by in the database (kept in the row's JSON, the days also in columns),
    // so that it reads the page it answers and not every agreement.

    /// <summary>The last day the signature may have been (a month or a year counts to its end); null while not signed with a date.</summary>
    public DateOnly? SignedBy => Signed && PartialDate.TryParse(SignedOn, out var on) ? on.End : null;

    /// <summary>The first day of the termination; null while not terminated.</summary>
    public DateOnly? TerminatedFrom => PartialDate.TryParse(TerminatedOn, out var on) ? on.Start : null;

    /// <summary>The last day it is valid; null when open-ended.</summary>
    public DateOnly? ValidThrough => PartialDate.TryParse(ValidUntil, out var until) ? until.End : null;

    /// <summary>The last day the latest activity may have been; null with none seen.</summary>
    public DateOnly? LastActiveOn => LastActivity?.LastDay;

    /// <summary>The region's code in capitals, as a filter names it.</summary>
    public string? RegionKey => Region?.ToUpperInvariant();

    /// <summary>Each partner's key and country in capitals: what a partner filter matches, as <see cref="Sides.Match"/> does.</summary>
    public string[] PartnerKeys => Partners.SelectMany(p => new[] { p.Key, p.Country }).OfType<string>().Select(k => k.ToUpperInvariant()).Distinct().ToArray();
}

/// <summary>The agreements' rows over the dashboard's log: how each agreement contract changes its row.</summary>
public sealed partial class AgreementRowProjection() : RowProjection<AgreementRow>(version: 9)
{
    protected override (Guid Row, Func<AgreementRow, AgreementRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        AgreementRegistered e => (e.AgreementId, row => Registered(row, e)),
        AgreementSigned e => (e.AgreementId, row => Signed(row with { Signed = true, SignedOn = e.SignedOn ?? row.SignedOn })),
        AgreementSignatureDated e => (e.AgreementId, row => Signed(row with { Signed = true, SignedOn = e.SignedOn })),
        AgreementAmended e => (e.AgreementId, row => (row with { Amendments = row.Amendments + 1 }).Saw(new Activity(e.EffectiveOn, "amended", e.Summary))),
        AgreementExtended e => (e.AgreementId, row => (row with { ValidUntil = e.ValidUntil }).Saw(Activity.Recorded(e, "extended", null))),
        AgreementTerminated e => (e.AgreementId, row => row with { TerminatedOn = e.On }),
        PlanAttachedToAgreement e => (e.AgreementId, row => (row with { Plans = row.Plans + 1 }).Saw(Activity.Recorded(e, "plan-attached", e.Title))),
        VisitLinkedToAgreement e => (e.AgreementId, row => row.Saw(new Activity(e.SignedOn ?? Activity.Day(e), "visit-linked", e.Title))),
        PlanItemAdded e => (e.AgreementId, row => (row.Items.Any(i => i.Id == e.ItemId) ? row : row with { Items = [.. row.Items, new PlanItemRow(e.ItemId, e.Title, e.Due, "open")] })
            .Saw(Activity.Recorded(e, "plan-item-added", e.Title))),
        PlanItemCompleted e => (e.AgreementId, row => row.WithItem(e.ItemId, i => i with { State = "done" })
            .Saw(new Activity(e.On, "plan-item-completed", row.Items.FirstOrDefault(i => i.Id == e.ItemId)?.Title))),
        PlanItemCancelled e => (e.AgreementId, row => row.WithItem(e.ItemId, i => i with { State = "cancelled" })),
        VisitPlanned { PlanItem: { } item } e => (item.AgreementId, row => row.Saw(Activity.Recorded(e, "visit-planned", row.Items.FirstOrDefault(i => i.Id == item.ItemId)?.Title))),
        // A visit held under the agreement, signing nothing, is activity under it on its planned first day.
        VisitPlanned { HeldUnder: { } agreement } e => (agreement, row => row.Saw(new Activity(e.PlannedFrom, "visit-held-under", e.Purpose ?? e.Occasion))),
        VisitPlanItemNamed e => (e.PlanItem.AgreementId, row => row.Saw(Activity.Recorded(e, "visit-planned", row.Items.FirstOrDefault(i => i.Id == e.PlanItem.ItemId)?.Title))),
        // A session of a commission the agreement set up is activity under it on the session's date.
        CommissionSessionHeld { FoundingAgreementId: { } agreement } e => (agreement, row => row.Saw(new Activity(e.On, "commission-session", Session(e)))),
        InvestmentProjectRegistered { AgreementId: { } agreement } e => (agreement, row => row.Saw(Activity.Recorded(e, "investment-project", e.Name))),
        _ => null,
    };

    protected override AgreementRow Empty(Guid id) => AgreementRow.Empty(id);

    protected override AgreementRow Touched(AgreementRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static string? Session(CommissionSessionHeld e) => e.Agenda.FirstOrDefault() ?? (e.Number is { } number ? $"№ {number}" : null);

    private static AgreementRow Signed(AgreementRow row) => row.SignedOn is { } on ? row.Saw(new Activity(on, "signed", null)) : row;

    private static AgreementRow Registered(AgreementRow row, AgreementRegistered e)
    {
        var (region, partners) = Sides.Of(e.Parties, e.Metadata.Actor);
        return row with
        {
            Kind = e.Kind, Title = e.Title, Region = region, Partners = partners, Spheres = e.Spheres,
            ValidUntil = row.ValidUntil ?? e.ValidUntil, ParentAgreementId = e.ParentAgreementId, Source = e.Source,
        };
    }
}

/// <summary>
/// Something seen under an agreement: on the date the source gives it (a signature, an amendment's effect, a document's signing,
/// an item's completion), else the day it was recorded; what it was; and the title of what it was about.
/// </summary>
/// <param name="Kind">signed, amended, extended, plan-attached, plan-item-added, plan-item-completed, visit-linked, visit-planned, visit-held-under, commission-session or investment-project.</param>
public sealed record Activity(string On, string Kind, string? Title) : IComparable<Activity>
{
    public static string Day(IIntegrationEvent e) => PartialDate.OfDay(e.Metadata.RecordedAt.Day()).ToString();

    public static Activity Recorded(IIntegrationEvent e, string kind, string? title) => new(Day(e), kind, title);

    /// <summary>The last day it may have been: a month or a year counts to its end.</summary>
    [JsonIgnore]
    public DateOnly LastDay => PartialDate.TryParse(On, out var on) ? on.End : DateOnly.MinValue;

    /// <summary>Ordered by the last day each may have been, then by the first.</summary>
    public int CompareTo(Activity? other) =>
        other is null ? 1
        : LastDay != other.LastDay ? LastDay.CompareTo(other.LastDay)
        : FirstDay.CompareTo(other.FirstDay);

    private DateOnly FirstDay => PartialDate.TryParse(On, out var on) ? on.Start : DateOnly.MinValue;
}

/// <param name="State">open, done or cancelled as the plan's events say; overdue is read against a day.</param>
public sealed record PlanItemRow(Guid Id, string Title, string? Due, string State)
{
    public string StateOn(DateOnly day) => State == "open" && PartialDate.TryParse(Due, out var due) && due.End < day ? "overdue" : State;
}
