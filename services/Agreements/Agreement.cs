namespace Cooperation.Agreements;

/// <summary>An agreement's status; expired is never stored: a signed agreement reads as expired once its validity has passed.</summary>
public enum AgreementStatus { Draft, Signed, Expired, Terminated }

/// <summary>What decisions about an agreement need to know.</summary>
public sealed record Agreement(Guid Id, string Kind, AgreementStatus Status, Party[] Parties, PartialDate? SignedOn, PartialDate? ValidUntil,
    PlanItem[] Items)
{
    public static Agreement Create(AgreementRegistered e) =>
        new(e.AgreementId, e.Kind, AgreementStatus.Draft, e.Parties, null, e.ValidUntil, []);

    public Agreement Apply(AgreementSigned e) => this with { Status = AgreementStatus.Signed, SignedOn = e.SignedOn };

    public Agreement Apply(SignatureDated e) => this with { SignedOn = e.SignedOn };

    public Agreement Apply(AgreementExtended e) => this with { ValidUntil = e.ValidUntil };

    public Agreement Apply(AgreementTerminated e) => this with { Status = AgreementStatus.Terminated };

    public Agreement Apply(AgreementAmended e) => this;

    public Agreement Apply(PlanAttached e) => this;

    public Agreement Apply(VisitLinked e) => this;

    public Agreement Apply(CommissionSetUp e) => this;

    public Agreement Apply(PlanItemAdded e) => this with { Items = [.. Items, new PlanItem(e.ItemId, PlanItemState.Open, null)] };

    public Agreement Apply(PlanItemCompleted e) => WithItem(e.ItemId, PlanItemState.Done, e);

    public Agreement Apply(PlanItemCancelled e) => WithItem(e.ItemId, PlanItemState.Cancelled, null);

    /// <summary>Items a plan may list: far more than any plan of the sources, and a bound on the state every decision folds.</summary>
    public const int MaxItems = 1000;

    /// <summary>Only a plan of events or a programme lists items to be carried out.</summary>
    public bool IsPlan => Kind is AgreementKinds.PlanOfEvents or AgreementKinds.Programme;

    public PlanItem? Item(Guid itemId) => Items.FirstOrDefault(i => i.Id == itemId);

    private Agreement WithItem(Guid itemId, PlanItemState state, PlanItemCompleted? completion) =>
        this with { Items = Items.Select(i => i.Id == itemId ? i with { State = state, Completion = completion } : i).ToArray() };

    /// <summary>Committees change agreements with a party in their territory; the ministry national-level ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite(Parties) ? null : DomainError.Forbidden("This agreement has no party in your territory.");
}

/// <summary>An item's state; overdue is never stored: an open item reads as overdue once its due date has passed.</summary>
public enum PlanItemState { Open, Done, Cancelled, Overdue }

/// <summary>What decisions about a plan's item need: its state, and how it was completed.</summary>
public sealed record PlanItem(Guid Id, PlanItemState State, PlanItemCompleted? Completion);
