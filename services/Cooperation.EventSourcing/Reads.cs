using Cooperation.Contracts;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using JasperFx.Events;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.EventSourcing;

/// <summary>A read model whose version is the stream version it reflects.</summary>
public interface IView<out TSelf> where TSelf : IView<TSelf>
{
    long Version { get; }

    /// <summary>The record as it reads on a given day, for what follows from the passing of time (expiry, overdue).</summary>
    TSelf On(DateOnly day);
}

/// <summary>
/// Completes views, as they are read, with what other services have told this one (such as the status of a linked agreement),
/// which lives beside the record's own stream rather than in it. A service registers one only for views that need it.
/// </summary>
public interface IViewCompletion<TView>
{
    Task<IReadOnlyList<TView>> CompleteAsync(IQuerySession session, IReadOnlyList<TView> views, CancellationToken ct);
}

public sealed record HistoryEntry(long Version, long Sequence, string Type, object Data, DateTimeOffset RecordedAt, ActorRef Actor, string? CorrelationId,
    string? Hash);

public sealed record Paged<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);

public static class Reads
{
    /// <summary>Maps a read: a GET with its name, summary and description (when it needs one) in the OpenAPI document.</summary>
    public static RouteGroupBuilder MapRead(this RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary,
        string? description = null)
    {
        var read = group.MapGet(pattern, handler)
            .WithName(name)
            .WithSummary(summary);
        if (description is not null) read.WithDescription(description);
        return group;
    }

    /// <summary>The record now, at a stream version, or as it stood at a moment; with its version as the ETag.</summary>
    public static async Task<Results<Ok<TView>, ProblemHttpResult>> ReadView<TView>(this IQuerySession session, Guid id,
        long? version, DateTimeOffset? asOf, HttpContext http, CancellationToken ct)
        where TView : class, IView<TView>
    {
        if (version is not null && asOf is not null)
            return DomainError.Invalid("version", "Give either version or asOf, not both.").ToProblem();
        if (version is < 1) return DomainError.Invalid("version", "version starts at 1.").ToProblem();

        var view = version is not null ? await session.Events.AggregateStreamAsync<TView>(id, version.Value, token: ct)
            : asOf is not null ? await session.Events.AggregateStreamAsync<TView>(id, timestamp: asOf.Value.ToUniversalTime(), token: ct)
            : await session.LoadAsync<TView>(id, ct);
        if (view is null || (version is not null && view.Version != version))
            return DomainError.NotFound(version is null && asOf is null ? $"There is no record {id}." : $"Record {id} did not exist at that point.").ToProblem();

        http.Response.Headers.ETag = $"\"{view.Version}\"";
        var day = asOf is { } moment ? moment.Day() : http.RequestServices.GetRequiredService<TimeProvider>().Today();
        return TypedResults.Ok((await http.RequestServices.CompleteAsync(session, [view.On(day)], ct))[0]);
    }

    /// <summary>Views as clients see them: with what other services contributed, if the service completes this kind of view.</summary>
    public static Task<IReadOnlyList<TView>> CompleteAsync<TView>(this IServiceProvider services, IQuerySession session, IReadOnlyList<TView> views,
        CancellationToken ct) =>
        services.GetService<IViewCompletion<TView>>()?.CompleteAsync(session, views, ct) ?? Task.FromResult(views);

    /// <summary>Every event of a record, oldest first, with who recorded it, when and under which correlation.</summary>
    public static async Task<Results<Ok<HistoryEntry[]>, ProblemHttpResult>> ReadHistory(this IQuerySession session, Guid id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) return DomainError.NotFound($"There is no record {id}.").ToProblem();
        return TypedResults.Ok(events.Select(ToHistoryEntry).ToArray());
    }

    public static HistoryEntry ToHistoryEntry(IEvent e) =>
        new(e.Version, e.Sequence, e.EventTypeName, e.Data, e.Timestamp, e.Actor(), e.CorrelationId, e.GetHeader(EventHeaders.Hash)?.ToString());

    public static ActorRef Actor(this IEvent e) =>
        new(e.UserName ?? "", e.GetHeader(EventHeaders.Role)?.ToString() ?? "", e.GetHeader(EventHeaders.Region)?.ToString());

    /// <summary>The last page a list answers: far beyond any list of this system, and an offset the database can always take.</summary>
    public const int MaxPage = 10_000;

    public const int MaxPageSize = 200;

    /// <summary>
    /// A page of a list in the query's order, each record as it reads today and with what other services contributed, as a
    /// record read by id is.
    /// </summary>
    public static async Task<Paged<TView>> PageAsync<TView>(this IQueryable<TView> ordered, int page, int pageSize, IQuerySession session,
        IServiceProvider services, CancellationToken ct) where TView : class, IView<TView>
    {
        var found = await ordered.ToPagedListAsync(page, pageSize, ct);
        var today = services.GetRequiredService<TimeProvider>().Today();
        var items = await services.CompleteAsync(session, found.Select(view => view.On(today)).ToArray(), ct);
        return new Paged<TView>(items, found.TotalItemCount, page, pageSize);
    }

    /// <summary>How many records a download reads from the database at a time.</summary>
    public const int ExportPageSize = 500;

    /// <summary>
    /// Every record of a list in the query's order, read from the database a page at a time, each as it reads today and
    /// completed as a page of the list is: what a download writes, never the whole list in memory.
    /// </summary>
    public static async IAsyncEnumerable<TView> AllAsync<TView>(this IQueryable<TView> ordered, IQuerySession session, IServiceProvider services,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default) where TView : class, IView<TView>
    {
        var today = services.GetRequiredService<TimeProvider>().Today();
        await foreach (var page in ordered.PagesAsync(ct))
            foreach (var view in await services.CompleteAsync(session, page.Select(view => view.On(today)).ToArray(), ct)) yield return view;
    }

    /// <summary>Every row of a query in its order, <see cref="ExportPageSize"/> at a time from the database.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<TRow>> PagesAsync<TRow>(this IQueryable<TRow> ordered,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default) where TRow : notnull
    {
        for (var skip = 0; ; skip += ExportPageSize)
        {
            var page = await ordered.Skip(skip).Take(ExportPageSize).ToListAsync(ct);
            yield return page;
            if (page.Count < ExportPageSize) yield break;
        }
    }

    /// <summary>Checks paging arguments: page from 1 to <see cref="MaxPage"/>, page size from 1 to <see cref="MaxPageSize"/> (50 when not given).</summary>
    public static (int Page, int PageSize) Paging(int? page, int? pageSize, Validation validation)
    {
        validation.Require(page is null or (>= 1 and <= MaxPage), "page", $"page must be between 1 and {MaxPage}.");
        validation.Require(pageSize is null or (>= 1 and <= MaxPageSize), "pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        return (Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? 50, 1, MaxPageSize));
    }
}
