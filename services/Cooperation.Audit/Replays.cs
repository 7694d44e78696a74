using System.Text.RegularExpressions;
using Cooperation.Contracts;
using Cooperation.EventSourcing;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using JasperFx.Events;
using Marten;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
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
    /// <summary>
    /// Replays go into queues named replay.*: the broker lets the services publish there and the reader user consume, and
    /// lets no reader publish, so whatever such a queue holds came from a service (see deploy/infra/rabbitmq-users.sh,
    /// rmq_provision).
    /// </summary>
    public const string Prefix = "replay.";

    /// <summary>A queue name RabbitMQ accepts, in the replays' own namespace (so never the live exchange, nor one reserved by the broker).</summary>
    public static bool IsAcceptable(string queue) => Name().IsMatch(queue);

    [GeneratedRegex(@"^replay\.[A-Za-z0-9][A-Za-z0-9._:-]{0,192}$")]
    private static partial Regex Name();
}

/// <summary>
/// Whether a replay can send into a queue: MassTransit declares its send address as a durable, shared, never auto-deleted queue
/// without arguments, behind a durable fanout exchange of the same name, and a broker holding either with other settings refuses
/// every send. Asked of the broker without changing anything: a passive declare says whether the queue (or exchange) exists, and
/// re-declaring an existing one as the replay would is refused (406 PRECONDITION_FAILED, naming what differs) when it is not the same.
/// </summary>
public sealed class ReplayQueueCheck(IConfiguration configuration)
{
    private readonly ConnectionFactory factory = new()
    {
        Uri = new Uri(configuration.GetConnectionString("RabbitMq") ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured.")),
        AutomaticRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        ClientProvidedName = "cooperation-replay-check",
    };

    private readonly AmqpTcpEndpoint[] nodes = (configuration["RabbitMq:Nodes"] ?? "")
        .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => AmqpTcpEndpoint.Parse(n)).ToArray();

    /// <summary>What keeps a replay from sending into the queue, or null when nothing does (it is absent and will be declared, or it is as needed).</summary>
    public async Task<string?> ProblemAsync(string queue, CancellationToken ct)
    {
        await using var connection = nodes.Length > 0 ? await factory.CreateConnectionAsync(nodes, ct) : await factory.CreateConnectionAsync(ct);
        return await ProblemAsync(connection, $"Queue '{queue}'", "a durable queue, neither exclusive nor auto-deleted, without arguments",
                channel => channel.QueueDeclarePassiveAsync(queue, ct),
                channel => channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: ct), ct)
            ?? await ProblemAsync(connection, $"The exchange '{queue}' in front of the queue", "a durable fanout exchange of the queue's name",
                channel => channel.ExchangeDeclarePassiveAsync(queue, ct),
                channel => channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct), ct);
    }

    private static async Task<string?> ProblemAsync(IConnection connection, string what, string needed, Func<IChannel, Task> passive,
        Func<IChannel, Task> asReplayed, CancellationToken ct)
    {
        // A refused declare closes its channel: each question gets a channel of its own.
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            await passive(channel);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound) { return null; }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.ResourceLocked)
        {
            return $"{what} is exclusive to another connection; a replay needs {needed}.";
        }
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            await asReplayed(channel);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
        {
            return $"{what} exists with other settings: a replay needs {needed} ({e.ShutdownReason.ReplyText}).";
        }
        return null;
    }
}

/// <summary>
/// Re-publishes ranges of the log, in sequence order, each replay on its own beside the others (so one that cannot send holds up
/// no other), into the named queue alone: the message
/// goes to MassTransit's send address for that queue, never to the live exchange, in the same envelope as live events
/// and marked with <see cref="IntegrationEvents.ReplayHeader"/>. Progress is saved after every page, so a replay cut off
/// by a restart resumes where it stopped.
/// </summary>
public sealed class ReplayRunner(IDocumentStore store, Leadership leadership, IBus bus, IIntegrationEventMap map, ReplayQueueCheck queues,
    IConfiguration configuration, TimeProvider clock, ILogger<ReplayRunner> logger)
    : AuditJobRunner<Replay>(store, leadership, configuration, clock, logger)
{
    private const int Page = 200;

    /// <summary>The most sequences one request may replay; a longer range is replayed in parts.</summary>
    public const long MaxRange = 100_000;

    /// <summary>The most replays one auditor may have running at once.</summary>
    public const int MaxRunningPerAuditor = 2;

    protected override int Concurrency => int.MaxValue;

    /// <summary>Stores a new replay, or answers null when the auditor already has <see cref="MaxRunningPerAuditor"/> running.</summary>
    public Task<Replay?> StartAsync(string queue, long from, long to, string requestedBy, CancellationToken ct) =>
        AdmitAsync(requestedBy, async session =>
        {
            if (await session.Query<Replay>().CountAsync(r => r.Status == JobStatus.Running && r.RequestedBy == requestedBy, ct) >= MaxRunningPerAuditor)
                return null;
            var replay = new Replay(Guid.CreateVersion7(), queue, from, to, JobStatus.Running, 0, from - 1, requestedBy, Clock.GetUtcNow(), null, null);
            session.Insert(replay);
            return replay;
        }, ct);

    protected override async Task<IReadOnlyList<Guid>> PendingAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<Replay>().Where(r => r.Status == JobStatus.Running).OrderBy(r => r.RequestedAt).Select(r => r.Id).ToListAsync(ct);

    protected override async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var session = Store.LightweightSession();
        var replay = await session.LoadAsync<Replay>(id, ct);
        if (replay is null || replay.Status != JobStatus.Running) return;
        // The queue may have changed since the request was checked (or since a leader before this one sent into it): one that
        // can no longer take the replay fails it at once, saying why. A broker out of reach is waited out by the sends below.
        if (await QueueProblemAsync(replay.Queue, ct) is { } problem) throw new InvalidOperationException(problem);
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

    private async Task<string?> QueueProblemAsync(string queue, CancellationToken ct)
    {
        try
        {
            return await queues.ProblemAsync(queue, ct);
        }
        catch (Exception e) when (MessagingExtensions.Broker.Explains(e))
        {
            return null;
        }
    }

    private Task SendAsync(ISendEndpoint endpoint, Replay replay, IEvent stored, IIntegrationEvent message, CancellationToken ct) =>
        IntegrationEventPublisher.UntilAccepted(token => endpoint.Send(message, message.GetType(), context =>
            {
                IntegrationEventPublisher.Envelope(context, stored);
                context.Headers.Set(IntegrationEvents.ReplayHeader, replay.Id.ToString());
            }, token),
            Logger, $"Replay {replay.Id}: sending", stored, maxAttempts: 8, ct);
}
