using System.Text.RegularExpressions;
using Cooperation.Contracts;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cooperation.ServiceDefaults.Audit;

public sealed record ReplayRequest(string? Queue, long? FromSequence, long? ToSequence);

/// <summary>An auditor's replay of a range of the log into one queue, and how far it has got.</summary>
public sealed record Replay(Guid Id, string Queue, long FromSequence, long ToSequence, string Status, long Published, long LastSequence,
    string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, string? Error) : IAuditJob<Replay>
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    Replay IAuditJob<Replay>.Failed(string error, DateTimeOffset at) => this with { Status = Failed, Error = error, FinishedAt = at };
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
        EnqueueAsync(new Replay(Guid.CreateVersion7(), request.Queue!, from, to, Replay.Running, 0, from - 1, actor.Sub, Clock.GetUtcNow(), null, null), ct);

    protected override async Task<Guid?> NextAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Replay>().Where(r => r.Status == Replay.Running).OrderBy(r => r.RequestedAt).FirstOrDefaultAsync(ct))?.Id;

    protected override async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var session = Store.LightweightSession();
        var replay = await session.LoadAsync<Replay>(id, ct);
        if (replay is null || replay.Status != Replay.Running) return;
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
            if (replay.LastSequence >= replay.ToSequence) replay = replay with { Status = Replay.Completed, FinishedAt = Clock.GetUtcNow() };
            session.Store(replay);
            await session.SaveChangesAsync(ct);
        }
        if (replay.Status == Replay.Running)
        {
            session.Store(replay with { Status = Replay.Completed, FinishedAt = Clock.GetUtcNow() });
            await session.SaveChangesAsync(ct);
        }
        Logger.LogInformation("Replay {Id} of sequences {From}-{To} into {Queue} completed: {Published} events", id, replay.FromSequence,
            replay.ToSequence, replay.Queue, replay.Published);
    }

    private async Task SendAsync(ISendEndpoint endpoint, Replay replay, IEvent stored, IIntegrationEvent message, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await endpoint.Send(message, message.GetType(), context =>
                {
                    IntegrationEventPublisher.Envelope(context, stored);
                    context.Headers.Set(IntegrationEvents.ReplayHeader, replay.Id.ToString());
                }, timeout.Token);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && attempt < 8)
            {
                var delay = TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt));
                Logger.LogWarning(e, "Replay {Id}: sending event {Sequence} failed (attempt {Attempt}); retrying in {Delay}", replay.Id, stored.Sequence, attempt, delay);
                await Task.Delay(delay, ct);
            }
        }
    }
}

/// <summary>Live consumers never act on a replayed message, even one sent into their own queue: it is acknowledged and dropped.</summary>
public sealed class IgnoreReplaysFilter<T>(ILogger<IgnoreReplaysFilter<T>> logger) : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Headers.TryGetHeader(IntegrationEvents.ReplayHeader, out _))
        {
            logger.LogWarning("Dropped a replayed {Type} that reached a live consumer's queue", typeof(T).Name);
            await context.NotifyConsumed(context, TimeSpan.Zero, nameof(IgnoreReplaysFilter<T>));
            return;
        }
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("ignore-replays");
}
