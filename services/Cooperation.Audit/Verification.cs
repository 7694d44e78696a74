using Cooperation.EventSourcing;
using Cooperation.Vocabulary;
using Marten;

namespace Cooperation.Audit;

/// <summary>What is wrong, at the first place the history stops being intact. A missing event has no sequence or id left.</summary>
public sealed record Breach(long? Sequence, Guid? EventId, Guid? StreamId, long? Version, string Reason);

public sealed record LogVerification(bool Intact, long Checked, long Through, long SealedThrough, long Checkpoints, string? Head, Breach? FirstBroken);

public sealed record RecordVerification(Guid Id, bool Intact, long Checked, long Version, Breach? FirstBroken);

public sealed record VerifyProgress(long Checked, long Sequence, long Through);

/// <summary>
/// Recomputes the history from the stored rows: each event's hash from its predecessor's, the chain of checkpoints,
/// and each checkpoint's Merkle root from the events in its range. It reads the log page by page, holding only the
/// current checkpoint's partial tree, and stops at the first breach.
/// </summary>
public sealed class Verifier(IDocumentStore store, AuditDatabase database)
{
    private const int ProgressEvery = 1000;

    public async Task<LogVerification> VerifyLogAsync(Func<VerifyProgress, Task>? progress, CancellationToken ct)
    {
        // Up to the last event, or the last sealed sequence if events at the end were removed.
        var through = Math.Max(await database.MaxSequenceAsync(ct), await LastSealedAsync(ct));
        var checkpoints = new CheckpointCursor(store);
        long count = 0, lastSequence = 0;

        Breach? breach = null;
        await foreach (var e in database.ReadLogAsync(0, through, null, ct))
        {
            breach = await checkpoints.BeforeAsync(e.Sequence, ct) ?? checkpoints.Seal(e) ?? CheckEvent(e);
            if (breach is not null) break;
            count++;
            lastSequence = e.Sequence;
            if (progress is not null && count % ProgressEvery == 0) await progress(new VerifyProgress(count, e.Sequence, through));
        }
        // Close the checkpoints that end within what was read; one sealed while this ran, past `through`, stays open.
        breach ??= await checkpoints.BeforeAsync(through + 1, ct);
        if (breach is null && await database.FirstStreamOutOfStepAsync(ct) is { } stream)
            breach = Missing(stream.StreamId, stream.Found + 1,
                $"The stream records {stream.Claimed} events but its events end at version {stream.Found}: events were removed.");
        if (progress is not null) await progress(new VerifyProgress(count, lastSequence, through));
        return new LogVerification(breach is null, count, through, checkpoints.SealedThrough, checkpoints.Count, checkpoints.Head, breach);
    }

    private async Task<long> LastSealedAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.Query<AuditCheckpoint>().OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct))?.ToSequence ?? 0;
    }

    public async Task<RecordVerification?> VerifyRecordAsync(Guid id, CancellationToken ct)
    {
        var claimed = await database.StreamVersionAsync(id, ct);
        long expected = 1, count = 0, lastSequence = 0;
        var previous = Canonical.Genesis;
        Breach? breach = null;
        await foreach (var e in database.ReadStreamAsync(id, ct))
        {
            if (e.Version != expected)
            {
                breach = Missing(id, expected, $"The stream goes from version {expected - 1} to {e.Version}: version {expected} was removed.");
                break;
            }
            breach = CheckEvent(e with { PreviousHash = previous, PreviousSequence = e.Version > 1 ? lastSequence : null });
            if (breach is not null) break;
            previous = e.Hash!;
            lastSequence = e.Sequence;
            expected++;
            count++;
        }
        if (claimed is null && count == 0 && breach is null) return null;
        if (breach is null && claimed != count)
            breach = claimed is null
                ? Missing(id, null, "The stream's own record was removed while its events remain.")
                : Missing(id, count + 1, $"The stream records {claimed} events but only {count} remain: events were removed.");
        return new RecordVerification(id, breach is null, count, claimed ?? count, breach);
    }

    /// <summary>A break in one stream, at the version where it shows when there is one.</summary>
    private static Breach Missing(Guid stream, long? version, string reason) => new(null, null, stream, version, reason);

    /// <summary>A break in the log's sequence or its checkpoints, found at a sequence rather than in one event.</summary>
    private static Breach AtSequence(long sequence, string reason) => new(sequence, null, null, null, reason);

    /// <summary>The event's hash against its canonical form and its predecessor's stored hash.</summary>
    private static Breach? CheckEvent(StoredEvent e)
    {
        if (e.Version > 1 && !e.HasPrevious)
            return Missing(e.StreamId, e.Version - 1, $"Version {e.Version - 1} of the stream is missing: the stream goes on at sequence {e.Sequence} with version {e.Version}.");
        if (e.PreviousSequence > e.Sequence)
            return Named(e, $"The event comes before version {e.Version - 1} of its stream (sequence {e.PreviousSequence}) in the log: the order was changed.");
        if (e.Hash is null)
            return Named(e, "The event carries no hash.");
        var expected = Canonical.Hash(e.Version > 1 ? e.PreviousHash ?? Canonical.Genesis : Canonical.Genesis, e.Fields);
        return expected == e.Hash ? null : Named(e, "The event does not match its hash: its type, data or metadata were changed, or its predecessor's hash was.");
    }

    private static Breach Named(StoredEvent e, string reason) => new(e.Sequence, e.Id, e.StreamId, e.Version, reason);

    /// <summary>Walks the checkpoints alongside the log, one at a time.</summary>
    private sealed class CheckpointCursor(IDocumentStore store)
    {
        private readonly Queue<AuditCheckpoint> pending = new();
        private AuditCheckpoint? current;
        private HashSet<long> gaps = [];
        private MerkleTree tree = new();
        private long next;
        private long loadedThrough;
        private bool exhausted;

        public long Count { get; private set; }
        public long SealedThrough { get; private set; }
        public string? Head { get; private set; }

        /// <summary>Closes every checkpoint that ends before the sequence and opens the one that covers it.</summary>
        public async Task<Breach?> BeforeAsync(long sequence, CancellationToken ct)
        {
            while (true)
            {
                if (current is not null)
                {
                    if (sequence <= current.ToSequence) return null;
                    if (Close() is { } breach) return breach;
                }
                if (pending.Count == 0 && !exhausted) await LoadAsync(ct);
                if (pending.Count == 0) return null;
                var candidate = pending.Peek();
                if (candidate.FromSequence > sequence) return null;
                pending.Dequeue();
                if (Open(candidate) is { } broken) return broken;
            }
        }

        /// <summary>Adds an event in the current checkpoint's range as a leaf, after the sequences before it.</summary>
        public Breach? Seal(StoredEvent e)
        {
            if (current is null || !current.Covers(e.Sequence)) return null;
            if (Missed(e.Sequence) is { } missing) return missing;
            if (gaps.Contains(e.Sequence))
                return Named(e, $"Checkpoint {current.Id} sealed sequence {e.Sequence} as empty, but an event now holds it.");
            tree.Add(e.Sequence, e.Hash);
            next = e.Sequence + 1;
            return null;
        }

        private Breach? Missed(long before)
        {
            for (; next < before; next++)
                if (!gaps.Contains(next))
                    return AtSequence(next, $"The event at sequence {next}, sealed in checkpoint {current!.Id}, is missing.");
            return null;
        }

        private Breach? Open(AuditCheckpoint checkpoint)
        {
            var expectedFrom = (current?.ToSequence ?? SealedThrough) + 1;
            if (checkpoint.Id != Count + 1 || checkpoint.FromSequence != expectedFrom || checkpoint.PreviousHead != (Head ?? ""))
                return AtSequence(checkpoint.FromSequence, $"Checkpoint {checkpoint.Id} does not follow checkpoint {Count}: a checkpoint was removed or altered.");
            if (AuditCheckpoint.HeadOf(checkpoint.Id, checkpoint.FromSequence, checkpoint.ToSequence, checkpoint.LeafCount, checkpoint.Root, checkpoint.PreviousHead) != checkpoint.Head)
                return AtSequence(checkpoint.FromSequence, $"Checkpoint {checkpoint.Id} does not match its own head: it was altered.");
            current = checkpoint;
            gaps = [.. checkpoint.Gaps];
            tree = new MerkleTree();
            next = checkpoint.FromSequence;
            return null;
        }

        private Breach? Close()
        {
            var checkpoint = current!;
            if (Missed(checkpoint.ToSequence + 1) is { } missing) return missing;
            if (tree.Count != checkpoint.LeafCount || tree.Root() != checkpoint.Root)
                return AtSequence(checkpoint.FromSequence,
                    $"The events from sequence {checkpoint.FromSequence} to {checkpoint.ToSequence} no longer give checkpoint {checkpoint.Id}'s Merkle root.");
            Count++;
            SealedThrough = checkpoint.ToSequence;
            Head = checkpoint.Head;
            current = null;
            return null;
        }

        private async Task LoadAsync(CancellationToken ct)
        {
            await using var session = store.QuerySession();
            var page = await session.Query<AuditCheckpoint>().Where(c => c.Id > loadedThrough).OrderBy(c => c.Id).Take(100).ToListAsync(ct);
            foreach (var c in page) pending.Enqueue(c);
            if (page.Count > 0) loadedThrough = page[^1].Id;
            exhausted = page.Count < 100;
        }
    }
}
