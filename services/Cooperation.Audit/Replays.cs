using System.Text.RegularExpressions;
using Cooperation.Contracts;
using Cooperation.EventSourcing;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cooperation.Audit;

public sealed record ReplayRequest(string? Queue, long? FromSequence, long? ToSequence);

/// <summary>An auditor's replay of a range of the log into one queue, and how far it has got.</summary>
public sealed record Replay(Guid Id, string Queue, long FromSequence, long ToSequence, JobStatus Status, long Published, long LastSequence,
    string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, string? Error) : IAuditJob<Replay>
{
    Replay IAuditJob<Replay>.Failed(string error, DateTimeOffset at) => this with { Status = JobStatus.Failed, Error = error, FinishedAt = at };
}

public static partial class ReplayQueues
{
    /// <summary>A queue name RabbitMQ accepts, that is not the live exchange and not reserved by the broker.</summary>
    public static bool IsAcceptable(string queue) =>
        Name().IsMatch(queue) && !queue.StartsWith("amq.", StringComparison.Ordinal) && queue != IntegrationEvents.Exchange;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")]
    private static partial Regex Name();
}

/// <summary>
/// Re-publishes ranges of the log, in sequence order, one replay at a time, into the named queue alone: the message
/// goes to MassTransit's send address for that queue, never to the live exchange, in the same envelope as live events
/// and marked with <see cref="IntegrationEvents.ReplayHeader"/>. Progress is saved after every page, so a replay cut off
/// by a restart resumes where it stopped.
/// </summary>
public sealed class ReplayRunner(IDocumentStore store, Leadership leadership, IBus bus, IIntegrationEventMap map, IConfiguration configuration,
    TimeProvider clock, ILogger<ReplayRunner> logger)
    : AuditJobRunner<Replay>(store, leadership, configuration, clock, logger)
{
    private const int Page = 200;

    public Task<Replay> StartAsync(ReplayRequest request, long from, long to, Actor actor, CancellationToken ct) =>
        EnqueueAsync(new Replay(Guid.CreateVersion7(), request.Queue!, from, to, JobStatus.Running, 0, from - 1, actor.Sub, Clock.GetUtcNow(), null, null), ct);

    protected override async Task<Guid?> NextAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Replay>().Where(r => r.Status == JobStatus.Running).OrderBy(r => r.RequestedAt).FirstOrDefaultAsync(ct))?.Id;

    protected override async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var session = Store.LightweightSession();
        var replay = await session.LoadAsync<Replay>(id, ct);
        if (replay is null || replay.Status != JobStatus.Running) return;
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{replay.Queue}"));

        while (replay.LastSequence < replay.ToSequence)
        {
            var after = replay.LastSequence;
            var page = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after && e.Sequence <= replay.ToSequence)
                .OrderBy(e => e.Sequence).Take(Page).ToListAsync(ct);
            var published = replay.Published;
            foreach (var stored in page)
            {
                if (map.Map(stored, IntegrationEventPublisher.Metadata(map.Service, stored)) is not { } message) continue;
                await SendAsync(endpoint, replay, stored, message, ct);
                published++;
            }
            replay = replay with { Published = published, LastSequence = page.Count < Page ? replay.ToSequence : page[^1].Sequence };
            if (replay.LastSequence >= replay.ToSequence) replay = replay with { Status = JobStatus.Completed, FinishedAt = Clock.GetUtcNow() };
            session.Store(replay);
            await session.SaveChangesAsync(ct);
        }
        if (replay.Status == JobStatus.Running)
        {
            session.Store(replay with { Status = JobStatus.Completed, FinishedAt = Clock.GetUtcNow() });
            await session.SaveChangesAsync(ct);
        }
        Logger.LogInformation("Replay {Id} of sequences {From}-{To} into {Queue} completed: {Published} events", id, replay.FromSequence,
            replay.ToSequence, replay.Queue, replay.Published);
    }

    private Task SendAsync(ISendEndpoint endpoint, Replay replay, IEvent stored, IIntegrationEvent message, CancellationToken ct) =>
        IntegrationEventPublisher.UntilAccepted(token => endpoint.Send(message, message.GetType(), context =>
            {
                IntegrationEventPublisher.Envelope(context, stored);
                context.Headers.Set(IntegrationEvents.ReplayHeader, replay.Id.ToString());
            }, token),
            Logger, $"Replay {replay.Id}: sending", stored, maxAttempts: 8, ct);
}
