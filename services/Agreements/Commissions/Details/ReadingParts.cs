namespace Cooperation.Agreements.Commissions.Details;

/// <summary>A session or a member of a commission read on its own, where a write that added it points.</summary>
public static class ReadingParts
{
    public static RouteGroupBuilder MapReadingCommissionParts(this RouteGroupBuilder group) => group
        .MapRead("{id:guid}/sessions/{sessionId:guid}", (Guid id, Guid sessionId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                ReadAsync(id, session, http, c => c.Sessions.FirstOrDefault(s => s.Id == sessionId), $"session {sessionId}", ct),
            "GetCommissionSession", "A session of a commission: its number, date, place, agenda and decisions")
        .MapRead("{id:guid}/members/{memberId:guid}", (Guid id, Guid memberId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                ReadAsync(id, session, http, c => c.Members.FirstOrDefault(m => m.Id == memberId), $"member {memberId}", ct),
            "GetCommissionMember", "A co-chair, curator, secretary or member of a commission");

    private static async Task<Results<Ok<TPart>, ProblemHttpResult>> ReadAsync<TPart>(Guid id, IQuerySession session, HttpContext http,
        Func<CommissionDetails, TPart?> part, string what, CancellationToken ct) where TPart : class
    {
        var commission = await session.LoadAsync<CommissionDetails>(id, ct);
        if (commission is null || part(commission) is not { } found) return DomainError.NotFound($"There is no {what} of commission {id}.").ToProblem();
        http.Response.Headers.ETag = $"\"{commission.Version}\"";
        return TypedResults.Ok(found);
    }
}
