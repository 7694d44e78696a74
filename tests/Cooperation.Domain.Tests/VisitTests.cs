using Cooperation.Agreements.LinkingVisits;
using Cooperation.Delegations;
using Cooperation.Delegations.Cancelling;
using Cooperation.Delegations.Completing;
using Cooperation.Delegations.Details;
using Cooperation.Delegations.Planning;
using Cooperation.Delegations.RecordingDocuments;
using Cooperation.Delegations.RecordingProgramme;
using Cooperation.Delegations.Rescheduling;
using Cooperation.KnownAgreements;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using JasperFx.Events;
using Contract = Cooperation.Contracts;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

public class VisitTests
{
    private static PlanVisit Plan(Actor actor, Party host, string from = "2024-09", string? to = null) =>
        new(Id, VisitVocabulary.Incoming, host, [Heilongjiang], Head: null, D(from), to is null ? null : D(to), "Talks", Occasion: null, Size: 12,
            Companies: [], CompanyCount: null, actor);

    private static VisitPlanned Planned(string from = "2024-09", string? to = null) =>
        new(Id, VisitVocabulary.Incoming, Orsha, [Heilongjiang], null, D(from), to is null ? null : D(to), "Talks", null, 12, [], null);

    private static Visit Given(params object[] events) => Fold.Into<Visit>(events);

    private static RecordDocument Document(Actor actor, Guid? agreementId = null, string signedOn = "2024-05-20", params Party[] parties) =>
        new(Guid.NewGuid(), "Agreement on friendly relations", "friendly-relations", parties.Length > 0 ? parties : [Orsha, Heilongjiang],
            D(signedOn), agreementId, Guid.NewGuid(), actor, Today, agreementId is null ? null : [Vitebsk, Heilongjiang]);

    [Fact]
    public void A_committee_plans_a_visit_hosted_by_a_district_of_its_region()
    {
        var planned = Assert.IsType<VisitPlanned>(Assert.Single(Planning.Decide(Plan(VitebskClerk, Orsha)).Events));
        Assert.Equal(D("2024-09"), planned.PlannedFrom);
    }

    [Fact]
    public void A_committee_cannot_plan_a_visit_hosted_outside_its_region() =>
        Assert.Equal(ErrorKind.Forbidden, Planning.Decide(Plan(VitebskClerk, Gomel)).Error?.Kind);

    [Fact]
    public void Planned_dates_must_run_forwards()
    {
        var error = Planning.Decide(Plan(VitebskClerk, Vitebsk, "2024-09-10", "2024-09")).Error;
        Assert.Null(error);  // the month of September ends after the 10th
        error = Planning.Decide(Plan(VitebskClerk, Vitebsk, "2024-09-10", "2024-08")).Error;
        Assert.Equal("plannedTo", Assert.Single(error!.Errors!).Key);
    }

    [Fact]
    public void Rescheduling_moves_a_planned_visit_but_not_a_held_one()
    {
        var command = new RescheduleVisit(D("2024-10-01"), D("2024-10-03"), "Forum moved", VitebskClerk);
        Assert.IsType<VisitRescheduled>(Assert.Single(Rescheduling.Decide(Given(Planned()), command).Events));
        var held = Given(Planned(), new VisitCompleted(Id, D("2024-09-02"), D("2024-09-04"), null));
        Assert.Equal(ErrorKind.Conflict, Rescheduling.Decide(held, command).Error?.Kind);
    }

    [Fact]
    public void Another_region_cannot_change_the_visit() =>
        Assert.Equal(ErrorKind.Forbidden, Cancelling.Decide(Given(Planned()), new CancelVisit("No budget", GomelClerk)).Error?.Kind);

    [Fact]
    public void A_cancelled_visit_takes_no_programme_or_documents()
    {
        var cancelled = Given(Planned(), new VisitCancelled(Id, "No budget"));
        var programme = new RecordProgramme([new ProgrammeItem(D("2024-09-02"), "concert", "Gala concert")], VitebskClerk);
        Assert.Equal(ErrorKind.Conflict, RecordingProgramme.Decide(cancelled, programme).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, RecordingDocuments.Decide(cancelled, Document(VitebskClerk)).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, Cancelling.Decide(cancelled, new CancelVisit("Again", VitebskClerk)).Error?.Kind);
    }

    [Fact]
    public void A_document_without_an_agreement_id_asks_for_a_new_agreement()
    {
        var command = Document(VitebskClerk);
        var signed = Assert.IsType<DocumentSigned>(Assert.Single(RecordingDocuments.Decide(Given(Planned()), command).Events));
        Assert.True(signed.NewAgreement);
        Assert.Equal(command.NewAgreementId, signed.AgreementId);
    }

    [Fact]
    public void A_document_naming_an_agreement_links_it()
    {
        var existing = Guid.NewGuid();
        var signed = Assert.IsType<DocumentSigned>(Assert.Single(RecordingDocuments.Decide(Given(Planned()), Document(VitebskClerk, existing)).Events));
        Assert.False(signed.NewAgreement);
        Assert.Equal(existing, signed.AgreementId);
    }

    [Fact]
    public void A_new_agreement_needs_a_party_in_the_committees_territory_and_a_past_date()
    {
        var visit = Given(Planned());
        Assert.Equal(ErrorKind.Forbidden, RecordingDocuments.Decide(visit, Document(VitebskClerk, null, "2024-05-20", Gomel, Heilongjiang)).Error?.Kind);
        Assert.Equal("signedOn", Assert.Single(RecordingDocuments.Decide(visit, Document(VitebskClerk, null, "2024-07-01")).Error!.Errors!).Key);
    }

    [Fact]
    public void Completion_records_actual_dates_that_have_begun_and_ended()
    {
        var visit = Given(Planned("2024-05"));
        Assert.IsType<VisitCompleted>(Assert.Single(Completing.Decide(visit, new CompleteVisit(D("2024-05-14"), D("2024-05-16"), "Held", VitebskClerk, Today)).Events));
        Assert.Equal("from", Assert.Single(Completing.Decide(visit, new CompleteVisit(D("2024-06-14"), D("2024-06-16"), null, VitebskClerk, Today)).Error!.Errors!).Key);
        Assert.Equal("to", Assert.Single(Completing.Decide(visit, new CompleteVisit(D("2024-05-14"), D("2024-05-12"), null, VitebskClerk, Today)).Error!.Errors!).Key);
        Assert.Equal("to", Assert.Single(Completing.Decide(visit, new CompleteVisit(D("2024-05-30"), D("9999-12-31"), null, VitebskClerk, Today)).Error!.Errors!).Key);
        Assert.Equal("to", Assert.Single(Completing.Decide(visit, new CompleteVisit(D("2024-05-30"), D("2024-06-02"), null, VitebskClerk, Today)).Error!.Errors!).Key);
        Assert.IsType<VisitCompleted>(Assert.Single(Completing.Decide(visit, new CompleteVisit(D("2024-05-30"), D("2024-06-01"), null, VitebskClerk, Today)).Events));
        var cancelled = Given(Planned("2024-05"), new VisitCancelled(Id, "No budget"));
        Assert.Equal(ErrorKind.Conflict, Completing.Decide(cancelled, new CompleteVisit(D("2024-05-14"), D("2024-05-16"), null, VitebskClerk, Today)).Error?.Kind);
    }

    private static VisitDetails View(VisitPlanned planned, params object[] more) => Fold.Through<VisitDetailsProjection, VisitDetails>([planned, .. more]);

    [Theory]
    [InlineData("2024-05", null, "2024-05-31", "planned")]
    [InlineData("2024-05", null, "2024-06-01", "overdue")]
    [InlineData("2024", null, "2024-12-31", "planned")]
    [InlineData("2024", null, "2025-01-01", "overdue")]
    [InlineData("2024-05-10", "2024-05-12", "2024-05-12", "planned")]
    [InlineData("2024-05-10", "2024-05-12", "2024-05-13", "overdue")]
    public void A_planned_visit_is_overdue_after_its_last_planned_day(string from, string? to, string day, string status) =>
        Assert.Equal(status, View(Planned(from, to)).On(DateOnly.Parse(day)).Status.Name());

    [Fact]
    public void Held_cancelled_and_rescheduled_visits_are_not_overdue()
    {
        var day = new DateOnly(2025, 1, 1);
        Assert.Equal("completed", View(Planned("2024-05"), new VisitCompleted(Id, D("2024-05-14"), D("2024-05-16"), null)).On(day).Status.Name());
        Assert.Equal("cancelled", View(Planned("2024-05"), new VisitCancelled(Id, "No budget")).On(day).Status.Name());
        Assert.Equal("planned", View(Planned("2024-05"), new VisitRescheduled(Id, D("2025-03"), null, null)).On(day).Status.Name());
    }

    private static Contract.EventMetadata Meta(long version) =>
        new(Guid.NewGuid(), "agreements", "x", 1, Id, version, version, DateTimeOffset.UnixEpoch, new("s", "committee", "BY-VI"), null);

    [Fact]
    public void A_known_agreement_takes_the_status_of_its_latest_version_whatever_the_order_of_arrival()
    {
        var registered = new Contract.Agreements.AgreementRegistered(Meta(1), Id, "twinning", "Twinning", [], [], null, null);
        var signed = new Contract.Agreements.AgreementSigned(Meta(2), Id, "2019-05-10", null, []);
        var terminated = new Contract.Agreements.AgreementTerminated(Meta(3), Id, "2023", "Lapsed");

        var inOrder = KnownAgreement.Unknown(Id).Apply(registered).Apply(signed).Apply(terminated);
        var reversed = KnownAgreement.Unknown(Id).Apply(terminated).Apply(signed).Apply(registered);

        Assert.Equal(inOrder, reversed);
        Assert.Equal(("terminated", true, "Twinning", D("2019-05-10")), (reversed.Status.Name(), reversed.Registered, reversed.Title, reversed.SignedOn));
    }

    [Fact]
    public void A_known_agreement_signed_on_a_date_not_known_takes_the_date_when_it_is_given_whatever_the_order_of_arrival()
    {
        var signed = new Contract.Agreements.AgreementSigned(Meta(2), Id, null, null, []);
        var dated = new Contract.Agreements.AgreementSignatureDated(Meta(3), Id, "2019-05", null, []);

        var undated = KnownAgreement.Unknown(Id).Apply(signed);
        Assert.Equal(KnownAgreementStatus.Signed, undated.Status);
        Assert.Null(undated.SignedOn);
        Assert.Equal(D("2019-05"), KnownAgreement.Unknown(Id).Apply(signed).Apply(dated).SignedOn);
        Assert.Equal(D("2019-05"), KnownAgreement.Unknown(Id).Apply(dated).Apply(signed).SignedOn);
    }

    [Fact]
    public void A_document_for_a_new_agreement_registers_it_signed_with_the_visit_listed()
    {
        var register = new Cooperation.Agreements.Registering.RegisterAgreement(Id, "memorandum", "Memorandum", [Orsha, Heilongjiang], Spheres: [],
            SignedOn: D("2024-05-20"), Place: null, Signatories: [], ValidUntil: null, ParentAgreementId: null, Source: null, VitebskClerk, Today);
        var link = new LinkVisit(Id, Guid.NewGuid(), Guid.NewGuid(), "Memorandum", D("2024-05-20"));
        var decision = LinkingVisits.DecideNew(register, link);
        Assert.Collection(decision.Events,
            e => Assert.IsType<Cooperation.Agreements.AgreementRegistered>(e),
            e => Assert.IsType<Cooperation.Agreements.AgreementSigned>(e),
            e => Assert.Equal(link.VisitId, Assert.IsType<Cooperation.Agreements.VisitLinked>(e).VisitId));
    }
}
