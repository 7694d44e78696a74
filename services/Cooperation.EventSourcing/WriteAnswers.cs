using Cooperation.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.EventSourcing;

/// <summary>
/// The HTTP answer to a write's outcome: its problem, what it would append (validateOnly), or the record, or the part of it
/// written, as the write left it, with the record's version as the ETag.
/// </summary>
internal static class WriteAnswers
{
    /// <summary>Answers a start with the record it created, its location and its version as the ETag.</summary>
    internal static async Task<Results<Created<TView>, Ok<ValidatedWrite>, ProblemHttpResult>> RespondCreated<TView>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return TypedResults.Ok(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{outcome.Id}", view);
    }

    /// <summary>
    /// Answers an append that created a part of a record (an item of a plan) with that part as the append left it, its location
    /// under the request's path and the record's version as the ETag.
    /// </summary>
    internal static async Task<Results<Created<TPart>, Ok<ValidatedWrite>, ProblemHttpResult>> RespondCreated<TView, TPart>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, Func<TView, (Guid Id, TPart Part)> part, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return TypedResults.Ok(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        var (id, created) = part(view);
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{id}", created);
    }

    /// <summary>Answers an append to a part of a record with that part as the append left it, the record's version as the ETag.</summary>
    internal static async Task<Results<Ok<ValidatedWrite>, Ok<TPart>, ProblemHttpResult>> RespondOk<TView, TPart>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, Func<TView, TPart?> part, CancellationToken ct) where TView : class, IView<TView> where TPart : class
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return TypedResults.Ok(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view || part(view) is not { } written) return Missing(outcome);
        return TypedResults.Ok(written);
    }

    /// <summary>
    /// Answers an append with the record as the append left it, its version as the ETag. Both answers are 200s, and the OpenAPI
    /// document keeps one schema a status: the record's, listed last, so that it is the one described.
    /// </summary>
    internal static async Task<Results<Ok<ValidatedWrite>, Ok<TView>, ProblemHttpResult>> RespondOk<TView>(this WriteOutcome outcome,
        IQuerySession session, HttpContext http, CancellationToken ct) where TView : class, IView<TView>
    {
        if (outcome.Error is not null) return outcome.Error.ToProblem();
        if (outcome.Validated is { } validated) return TypedResults.Ok(validated);
        if (await AsWrittenAsync<TView>(outcome, session, http, ct) is not { } view) return Missing(outcome);
        return TypedResults.Ok(view);
    }

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
