using Cooperation.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.EventSourcing;

/// <summary>
/// The HTTP answer to a write's outcome: its problem; what it would append (validateOnly, 202); or the record, or the part of
/// it written, as the write left it (201 or 200), with the record's version as the ETag.
/// </summary>
internal static class WriteAnswers
{
    /// <summary>Answers a start with the record it created, its location and its version as the ETag.</summary>
    internal static async Task<Results<Created<TView>, Accepted<ValidatedWrite>, ProblemHttpResult>> RespondCreated<TView>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return Validated(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{outcome.Id}", view);
    }

    /// <summary>
    /// Answers an append that created a part of a record (an item of a plan) with that part as the append left it, its location
    /// under the request's path and the record's version as the ETag.
    /// </summary>
    internal static async Task<Results<Created<TPart>, Accepted<ValidatedWrite>, ProblemHttpResult>> RespondCreated<TView, TPart>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, Func<TView, (Guid Id, TPart Part)> part, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return Validated(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        var (id, created) = part(view);
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{id}", created);
    }

    /// <summary>Answers an append to a part of a record with that part as the append left it, the record's version as the ETag.</summary>
    internal static async Task<Results<Ok<TPart>, Accepted<ValidatedWrite>, ProblemHttpResult>> RespondOk<TView, TPart>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, Func<TView, TPart?> part, CancellationToken ct) where TView : class, IView<TView> where TPart : class
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return Validated(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view || part(view) is not { } written) return Missing(outcome);
        return TypedResults.Ok(written);
    }

    /// <summary>Answers an append with the record as the append left it, its version as the ETag.</summary>
    internal static async Task<Results<Ok<TView>, Accepted<ValidatedWrite>, ProblemHttpResult>> RespondOk<TView>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return Validated(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        return TypedResults.Ok(view);
    }

    /// <summary>
    /// A write that only validates is answered 202 Accepted with what it would append, no Location: nothing was stored, so
    /// there is no record to answer with or point to, and a status of its own gives this answer its own schema in the OpenAPI
    /// document (one schema a status), beside the record's 201 or 200.
    /// </summary>
    private static Accepted<ValidatedWrite> Validated(ValidatedWrite validated) => TypedResults.Accepted((string?)null, validated);

    private static ProblemHttpResult Missing(WriteOutcome outcome) => DomainError.NotFound($"There is no record {outcome.Id}.").ToProblem();

    private static async Task<TView?> AsWrittenAsync<TView>(WriteOutcome outcome, IQuerySession session, HttpContext http, CancellationToken ct)
        where TView : class, IView<TView>
    {
        var view = await session.Events.AggregateStreamAsync<TView>(outcome.Id, outcome.Version, token: ct);
        if (view is null) return null;
        http.Response.Headers.ETag = $"\"{outcome.Version}\"";
        if (outcome.Replayed) http.Response.Headers[Idempotency.ReplayedHeader] = "true";
        var today = http.RequestServices.GetRequiredService<TimeProvider>().Today();
        return (await http.RequestServices.CompleteAsync(session, [view.On(today)], ct))[0];
    }
}
