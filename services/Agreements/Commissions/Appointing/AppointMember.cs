using Cooperation.Vocabulary;
using Cooperation.Agreements.Commissions.Details;

namespace Cooperation.Agreements.Commissions.Appointing;

public sealed record AppointMemberRequest(
    [property: OneOf(typeof(CommissionKinds), nameof(CommissionKinds.Roles))] string? Role,
    string? Name,
    string? Position,
    string? Party,
    [property: PartialDateText] string? From,
    [property: PartialDateText] string? Until,
    SourceInput? Source);

public sealed record AppointMember(Guid MemberId, string Role, string Name, string? Position, string? Party, PartialDate? From, PartialDate? Until,
    Source? Source, Actor Actor);

public static class Appointing
{
    /// <summary>
    /// Records a co-chair, curator, secretary or member: a person and an office, for a side, from a date. A successor is recorded
    /// by appointing them from their own date; the one before keeps the dates the sources give.
    /// </summary>
    public static Decision Decide(Commission commission, AppointMember command)
    {
        if (commission.Guard(command.Actor) is { } denied) return denied;
        if (commission.Members >= Commission.MaxMembers) return DomainError.Conflict($"A commission lists at most {Commission.MaxMembers} members.");
        return Decision.Of(new CommissionMemberAppointed(commission.Id, command.MemberId, command.Role, command.Name, command.Position,
            command.Party, command.From, command.Until, command.Source));
    }

    public static RouteGroupBuilder MapAppointing(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/members", HandleAsync, "AppointCommissionMember",
            "Records a co-chair, curator, secretary or member of a commission: name, office, the side they stand for, from and until when");

    private static Task<Results<Created<CommissionMember>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, AppointMemberRequest request, Validation v, Write write)
    {
        var role = v.OneOf(request.Role, "role", CommissionKinds.Roles);
        var name = v.Text(request.Name, "name", v.Limits.Name);
        var position = v.Text(request.Position, "position", 200, required: false);
        var party = v.Text(request.Party, "party", 200, required: false);
        var from = v.Date(request.From, "from", required: false);
        var until = v.Date(request.Until, "until", required: false);
        v.Require(from is null || until is null || until.Value.End >= from.Value.Start, "until", "until cannot come before from.");
        var source = v.Source(request.Source);
        // The member this write added is the last one of the commission as the write left it, on a retry as on the first answer.
        return write.AppendCreated<Commission, CommissionDetails, CommissionMember>(id, request, v,
            commission => Decide(commission, new AppointMember(Guid.CreateVersion7(), role!, name!, position, party, from, until, source, write.Actor)),
            c => (c.Members[^1].Id, c.Members[^1]));
    }
}
