using Cooperation.Agreements;
using Cooperation.Agreements.Amending;
using Cooperation.Agreements.Details;
using Cooperation.Agreements.Extending;
using Cooperation.Agreements.Registering;
using Cooperation.Agreements.Signing;
using Cooperation.Agreements.Terminating;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

public class AgreementTests
{
    private static RegisterAgreement Register(Actor actor, string? signedOn = null, string? validUntil = null, params Party[] parties) =>
        new(Id, "twinning", "Twinning", parties.Length > 0 ? parties : [Vitebsk, Heilongjiang], Spheres: [],
            SignedOn: signedOn is null ? null : PartialDate.Parse(signedOn), Place: null, Signatories: [],
            ValidUntil: validUntil is null ? null : PartialDate.Parse(validUntil), ParentAgreementId: null, Source: null, actor, Today);

    private static Agreement Given(params object[] events) => Fold.Into<Agreement>(events);

    private static AgreementRegistered Registered => new(Id, "twinning", "Twinning", [Vitebsk, Heilongjiang], [], PartialDate.Parse("2020"), null, null);

    [Fact]
    public void Registering_with_a_date_signs_the_agreement()
    {
        var decision = Registering.Decide(Register(VitebskClerk, "2014"));
        Assert.Null(decision.Error);
        Assert.Collection(decision.Events, e => Assert.IsType<AgreementRegistered>(e), e => Assert.Equal(PartialDate.Parse("2014"), Assert.IsType<AgreementSigned>(e).SignedOn));
    }

    [Fact]
    public void Registering_without_a_date_makes_a_draft() =>
        Assert.IsType<AgreementRegistered>(Assert.Single(Registering.Decide(Register(VitebskClerk)).Events));

    [Fact]
    public void A_committee_registers_through_a_district_of_its_own_region() =>
        Assert.Null(Registering.Decide(Register(VitebskClerk, "2019", null, Orsha, Heilongjiang)).Error);

    [Fact]
    public void A_committee_cannot_register_outside_its_region() =>
        Assert.Equal(ErrorKind.Forbidden, Registering.Decide(Register(GomelClerk, "2014")).Error?.Kind);

    [Fact]
    public void An_auditor_cannot_register() =>
        Assert.Equal(ErrorKind.Forbidden, Registering.Decide(Register(new Actor("a", Roles.Auditor, null, Served), "2014")).Error?.Kind);

    [Fact]
    public void A_signature_in_the_future_is_refused() =>
        Assert.Equal("signedOn", Registering.Decide(Register(VitebskClerk, "2030")).Error?.Errors?.Keys.Single());

    [Fact]
    public void Validity_cannot_end_before_signing() =>
        Assert.Equal("validUntil", Registering.Decide(Register(VitebskClerk, "2014", "2013-12")).Error?.Errors?.Keys.Single());

    [Fact]
    public void A_draft_can_be_signed()
    {
        var decision = Signing.Decide(Given(Registered), new SignAgreement(PartialDate.Parse("2014-11"), "Harbin", [], VitebskClerk, Today));
        Assert.Equal("Harbin", Assert.IsType<AgreementSigned>(Assert.Single(decision.Events)).Place);
    }

    [Fact]
    public void A_signed_agreement_cannot_be_signed_again()
    {
        var signed = Given(Registered, new AgreementSigned(Id, PartialDate.Parse("2014"), null, []));
        Assert.Equal(ErrorKind.Conflict, Signing.Decide(signed, new SignAgreement(PartialDate.Parse("2015"), null, [], VitebskClerk, Today)).Error?.Kind);
    }

    private static SignAgreement Sign(string? signedOn, string? place = null) =>
        new(signedOn is null ? null : PartialDate.Parse(signedOn), place, [], VitebskClerk, Today);

    private static AgreementSigned SignedUndated => new(Id, null, null, []);

    [Fact]
    public void Registering_as_signed_without_a_date_signs_it_on_a_date_not_known()
    {
        var decision = Registering.Decide(Register(VitebskClerk) with { Signed = true });
        Assert.Collection(decision.Events, e => Assert.IsType<AgreementRegistered>(e), e => Assert.Null(Assert.IsType<AgreementSigned>(e).SignedOn));
        var view = Fold.Through<AgreementDetailsProjection, AgreementDetails>([.. decision.Events]);
        Assert.Equal((AgreementStatus.Signed, null, true, null), (view.Status, view.SignedOn, view.SignedDateUnknown, view.SignedFrom));
    }

    [Fact]
    public void A_draft_can_be_signed_without_a_date()
    {
        var decision = Signing.Decide(Given(Registered), Sign(null, "Harbin"));
        var signed = Assert.IsType<AgreementSigned>(Assert.Single(decision.Events));
        Assert.Equal((null, "Harbin"), (signed.SignedOn, signed.Place));
    }

    [Fact]
    public void A_signature_without_a_date_is_dated_by_a_later_signature_with_one()
    {
        var decision = Signing.Decide(Given(Registered, SignedUndated), Sign("2014-11", "Minsk"));
        var dated = Assert.IsType<SignatureDated>(Assert.Single(decision.Events));
        Assert.Equal((PartialDate.Parse("2014-11"), "Minsk"), (dated.SignedOn, dated.Place));
        var agreement = Given(Registered, SignedUndated, dated);
        Assert.Equal((AgreementStatus.Signed, PartialDate.Parse("2014-11")), (agreement.Status, agreement.SignedOn!.Value));
        var view = Fold.Through<AgreementDetailsProjection, AgreementDetails>(Registered, new AgreementSigned(Id, null, "Harbin", [new("Li", null, null)]), dated);
        Assert.Equal((false, new DateOnly(2014, 11, 1), "Minsk", "Li"), (view.SignedDateUnknown, view.SignedFrom!.Value, view.Place, view.Signatories.Single().Name));
    }

    [Fact]
    public void A_signature_without_a_date_is_not_signed_again_without_one() =>
        Assert.Equal(ErrorKind.Conflict, Signing.Decide(Given(Registered, SignedUndated), Sign(null)).Error?.Kind);

    [Fact]
    public void A_dated_signature_is_not_dated_again()
    {
        var dated = Given(Registered, SignedUndated, new SignatureDated(Id, PartialDate.Parse("2014"), null, []));
        Assert.Equal(ErrorKind.Conflict, Signing.Decide(dated, Sign("2015")).Error?.Kind);
    }

    [Fact]
    public void Dating_a_signature_keeps_the_rules_of_signing()
    {
        var undated = Given(Registered, SignedUndated);
        Assert.Equal("signedOn", Signing.Decide(undated, Sign("2030")).Error?.Errors?.Keys.Single());
        Assert.Equal("signedOn", Signing.Decide(undated, Sign("2021")).Error?.Errors?.Keys.Single());
        Assert.Equal(ErrorKind.Forbidden, Signing.Decide(undated, Sign("2014") with { Actor = GomelClerk }).Error?.Kind);
        var terminated = Given(Registered, SignedUndated, new AgreementTerminated(Id, PartialDate.Parse("2018"), "Superseded"));
        Assert.Equal(ErrorKind.Conflict, Signing.Decide(terminated, Sign("2014")).Error?.Kind);
    }

    [Fact]
    public void An_extension_must_run_past_the_current_validity()
    {
        var agreement = Given(Registered, new AgreementSigned(Id, PartialDate.Parse("2014"), null, []));
        Assert.Equal(ErrorKind.Invalid, Extending.Decide(agreement, new ExtendAgreement(PartialDate.Parse("2020-06"), VitebskClerk)).Error?.Kind);
        Assert.IsType<AgreementExtended>(Assert.Single(Extending.Decide(agreement, new ExtendAgreement(PartialDate.Parse("2025"), VitebskClerk)).Events));
    }

    [Fact]
    public void A_terminated_agreement_takes_no_more_changes()
    {
        var terminated = Given(Registered, new AgreementSigned(Id, PartialDate.Parse("2014"), null, []), new AgreementTerminated(Id, PartialDate.Parse("2018"), "Superseded"));
        Assert.Equal(ErrorKind.Conflict, Terminating.Decide(terminated, new TerminateAgreement(PartialDate.Parse("2019"), "again", VitebskClerk)).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, Amending.Decide(terminated, new AmendAgreement("x", PartialDate.Parse("2019"), VitebskClerk)).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, Extending.Decide(terminated, new ExtendAgreement(PartialDate.Parse("2030"), VitebskClerk)).Error?.Kind);
    }

    [Fact]
    public void Another_committee_cannot_amend()
    {
        var agreement = Given(Registered, new AgreementSigned(Id, PartialDate.Parse("2014"), null, []));
        Assert.Equal(ErrorKind.Forbidden, Amending.Decide(agreement, new AmendAgreement("x", PartialDate.Parse("2019"), GomelClerk)).Error?.Kind);
    }

    [Fact]
    public void A_plan_cannot_be_attached_to_a_terminated_agreement()
    {
        var terminated = Given(Registered, new AgreementTerminated(Id, PartialDate.Parse("2018"), "Superseded"));
        Assert.Equal("parentAgreementId", Registering.Attach(terminated, Register(VitebskClerk, "2019")).Error?.Errors?.Keys.Single());
    }
}
