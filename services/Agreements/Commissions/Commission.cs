namespace Cooperation.Agreements.Commissions;

/// <summary>The kinds of body and the roles in one, as the sources name them.</summary>
public static class CommissionKinds
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>
        { "intergovernmental-commission", "joint-commission", "joint-working-group", "working-group", "council", "other" };

    public static readonly IReadOnlySet<string> Roles = new HashSet<string> { "co-chair", "curator", "secretary", "member" };
}

/// <summary>What decisions about a commission need to know: who its parties are, and how much it already holds.</summary>
public sealed record Commission(Guid Id, Party[] Parties, Guid? FoundingAgreementId, int Members, int Sessions)
{
    public static Commission Create(CommissionFormed e) => new(e.CommissionId, e.Parties, e.FoundingAgreementId, 0, 0);

    public Commission Apply(CommissionMemberAppointed e) => this with { Members = Members + 1 };

    public Commission Apply(CommissionSessionHeld e) => this with { Sessions = Sessions + 1 };

    /// <summary>Bounds on the state every read folds: far beyond any body of the sources.</summary>
    public const int MaxMembers = 200, MaxSessions = 1000;

    /// <summary>Committees change bodies with a party in their territory; the ministry national-level ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite(Parties) ? null : DomainError.Forbidden("This commission has no party in your territory.");
}
