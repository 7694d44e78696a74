using Cooperation.EventSourcing;
using System.Security.Cryptography;
using System.Text;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cooperation.Audit;

/// <summary>
/// The root of a Merkle tree over leaves in order, as RFC 6962 (Certificate Transparency) defines it: leaves hashed
/// with a 0x00 prefix, nodes with 0x01, the left subtree always the largest power of two. Built leaf by leaf on a stack
/// of complete subtrees, so memory grows with the logarithm of the leaf count, not the count.
/// </summary>
public sealed class MerkleTree
{
    private readonly Stack<(int Height, byte[] Hash)> subtrees = new();

    public long Count { get; private set; }

    /// <summary>A leaf is an event's sequence and hash: moving an event to another sequence changes the tree.</summary>
    public void Add(long sequence, string? eventHash)
    {
        var leaf = SHA256.HashData(Encoding.UTF8.GetBytes($"\0{sequence}:{eventHash}"));
        var height = 0;
        while (subtrees.Count > 0 && subtrees.Peek().Height == height)
        {
            leaf = Node(subtrees.Pop().Hash, leaf);
            height++;
        }
        subtrees.Push((height, leaf));
        Count++;
    }

    public string Root()
    {
        if (subtrees.Count == 0) return Convert.ToHexStringLower(SHA256.HashData([]));
        // The smaller subtrees on the right fold first, which is where RFC 6962 splits an incomplete tree.
        var items = subtrees.ToArray(); // top (smallest, rightmost) first
        var root = items[0].Hash;
        for (var i = 1; i < items.Length; i++) root = Node(items[i].Hash, root);
        return Convert.ToHexStringLower(root);
    }

    private static byte[] Node(byte[] left, byte[] right)
    {
        var buffer = new byte[1 + left.Length + right.Length];
        buffer[0] = 1;
        left.CopyTo(buffer, 1);
        right.CopyTo(buffer, 1 + left.Length);
        return SHA256.HashData(buffer);
    }
}

/// <summary>
/// A sealed range of the log: every event with a sequence from <see cref="FromSequence"/> to <see cref="ToSequence"/>,
/// except the <see cref="Gaps"/> (sequences a failed transaction used up), is a leaf of the tree whose root is
/// <see cref="Root"/>. Each checkpoint's <see cref="Head"/> covers its own fields and the previous head, so the
/// checkpoints form a chain of their own.
/// </summary>
public sealed record AuditCheckpoint(long Id, long FromSequence, long ToSequence, long LeafCount, long[] Gaps, string Root,
    string PreviousHead, string Head, DateTimeOffset SealedAt)
{
    public static string HeadOf(long id, long from, long to, long leafCount, string root, string previousHead) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{previousHead}|{id}|{from}|{to}|{leafCount}|{root}")));

    public bool Covers(long sequence) => sequence >= FromSequence && sequence <= ToSequence;
}

/// <summary>
/// Periodically seals the events the daemon has seen committed (up to its high water mark) into checkpoints, in
/// sequence order, at most <see cref="MaxLeaves"/> sequences each. It runs where the daemon runs, so one instance seals.
/// </summary>
public sealed class CheckpointSealer(IDocumentStore store, AuditDatabase database, Leadership leadership, IConfiguration configuration,
    TimeProvider clock, ILogger<CheckpointSealer> logger) : BackgroundService
{
    public const int MaxLeaves = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Audit:CheckpointInterval", TimeSpan.FromSeconds(10));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leadership.WaitUntilLeaderAsync(interval, stoppingToken);
                await leadership.RunExclusiveAsync("checkpoints", async ct => { while (await SealNextAsync(ct)) { } }, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sealing an audit checkpoint failed; retrying in {Interval}", interval);
            }
            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>Seals the next range if there is one; true when it did.</summary>
    public async Task<bool> SealNextAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var last = await session.Query<AuditCheckpoint>().OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var from = (last?.ToSequence ?? 0) + 1;
        var mark = await database.HighWaterMarkAsync(ct);
        if (mark < from) return false;
        var to = Math.Min(mark, from + MaxLeaves - 1);

        var tree = new MerkleTree();
        var gaps = new List<long>();
        var expected = from;
        await foreach (var (sequence, hash) in database.ReadLeavesAsync(from - 1, to, ct))
        {
            for (; expected < sequence; expected++) gaps.Add(expected);
            tree.Add(sequence, hash);
            expected = sequence + 1;
        }
        for (; expected <= to; expected++) gaps.Add(expected);

        var id = (last?.Id ?? 0) + 1;
        var previousHead = last?.Head ?? "";
        var root = tree.Root();
        // Insert, not store: two sealers racing for the same checkpoint cannot both win.
        session.Insert(new AuditCheckpoint(id, from, to, tree.Count, gaps.ToArray(), root, previousHead,
            AuditCheckpoint.HeadOf(id, from, to, tree.Count, root, previousHead), clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Sealed audit checkpoint {Id}: sequences {From}-{To}, {Leaves} events, root {Root}", id, from, to, tree.Count, root);
        return true;
    }
}
