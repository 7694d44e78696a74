using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.EventSourcing;

/// <summary>
/// What a write endpoint is given besides its route values and body: the write's context, the session it writes in and the
/// exchange it answers. A slice validates the request and names its decision; <see cref="Start{TState,TView}"/> and the Append
/// methods answer the validation's problems, or load the record, decide, append what the decision returns and answer with the
/// record (or the part of it written) as the write left it.
/// </summary>
public sealed class Write(WriteContext context, IDocumentSession session, HttpContext http) : IEndpointParameterMetadataProvider
{
    public Actor Actor => context.Actor;

    public DateOnly Today => context.Today;

    /// <summary>For what a slice reads before it decides, such as the linked record a request names.</summary>
    public IDocumentSession Session => session;

    public CancellationToken RequestAborted => http.RequestAborted;

    public static async ValueTask<Write?> BindAsync(HttpContext http) =>
        new((await WriteContext.BindAsync(http))!, http.RequestServices.GetRequiredService<IDocumentSession>(), http);

    /// <summary>Tells the endpoint's checks that every write reads <c>validateOnly</c> from the query (<see cref="WriteContext"/>).</summary>
    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new QueryParameter("validateOnly"));

    /// <summary>Starts a record (see <see cref="Commits.Start{TState}"/>) and answers with it as created.</summary>
    public async Task<Results<Created<TView>, Accepted<ValidatedWrite>, ProblemHttpResult>> Start<TState, TView>(Guid id, object request,
        Validation validation, Func<Decision> decide, Alongside? alongside = null) where TState : class where TView : class, IView<TView>
    {
        if (validation.Failed(out var invalid)) return invalid.ToProblem();
        return await (await session.Start<TState>(id, context, request, decide, RequestAborted, alongside)).RespondCreated<TView>(session, http, RequestAborted);
    }

    /// <summary>Appends to a record what the decision returns from its state and answers with the record as the write left it.</summary>
    public async Task<Results<Ok<TView>, Accepted<ValidatedWrite>, ProblemHttpResult>> Append<TState, TView>(Guid id, object request,
        Validation validation, Func<TState, Decision> decide) where TState : class where TView : class, IView<TView>
    {
        if (validation.Failed(out var invalid)) return invalid.ToProblem();
        return await (await session.Append(id, context, request, decide, RequestAborted)).RespondOk<TView>(session, http, RequestAborted);
    }

    /// <summary>Appends to a record and answers with the part of it the write changed, as the write left it.</summary>
    public async Task<Results<Ok<TPart>, Accepted<ValidatedWrite>, ProblemHttpResult>> Append<TState, TView, TPart>(Guid id, object request,
        Validation validation, Func<TState, Decision> decide, Func<TView, TPart?> part)
        where TState : class where TView : class, IView<TView> where TPart : class
    {
        if (validation.Failed(out var invalid)) return invalid.ToProblem();
        return await (await session.Append(id, context, request, decide, RequestAborted)).RespondOk(session, http, part, RequestAborted);
    }

    /// <summary>
    /// Appends to a record a part of it (an item of a plan, a session of a commission) and answers with that part as created;
    /// with <paramref name="alongside"/>, appends to another record in the same transaction (see <see cref="Commits.Append{TState}"/>).
    /// </summary>
    public async Task<Results<Created<TPart>, Accepted<ValidatedWrite>, ProblemHttpResult>> AppendCreated<TState, TView, TPart>(Guid id, object request,
        Validation validation, Func<TState, Decision> decide, Func<TView, (Guid Id, TPart Part)> part, Alongside? alongside = null)
        where TState : class where TView : class, IView<TView>
    {
        if (validation.Failed(out var invalid)) return invalid.ToProblem();
        return await (await session.Append(id, context, request, decide, RequestAborted, alongside)).RespondCreated(session, http, part, RequestAborted);
    }
}

public static class WriteRoutes
{
    /// <summary>Maps a write: a POST that needs the write policy, with its name, summary and parameters (validateOnly, Idempotency-Key, If-Match) in the OpenAPI document.</summary>
    public static RouteGroupBuilder MapWrite(this RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary)
    {
        group.MapPost(pattern, handler)
            .RequireAuthorization(Policies.Write)
            .WithMetadata(WriteParameters.Instance)
            .WithName(name)
            .WithSummary(summary);
        return group;
    }
}
