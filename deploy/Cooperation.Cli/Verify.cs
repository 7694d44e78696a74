using System.ComponentModel;
using System.Text.Json;
using Cooperation.Audit;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

/// <summary>
/// Checks an exported log with no call to the server, by the rules services/Cooperation.Audit/README.md states: every event's
/// hash from its canonical form and its predecessor's hash, each stream's chain without a missing version, the log in
/// ascending sequence, the checkpoints' chain of heads, each checkpoint's Merkle root over the events of its range, and, given
/// --head, that the file's checkpoints extend a head the auditor saved earlier.
/// </summary>
public sealed class VerifyCommand : FileCommand<VerifyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<file>")]
        [Description("A file `coop export` wrote.")]
        public string File { get; init; } = "";

        [CommandOption("--head <HEAD>")]
        [Description("A checkpoint head saved earlier: the file must extend it.")]
        public string? Head { get; init; }
    }

    protected override int Run(Settings settings)
    {
        if (!System.IO.File.Exists(settings.File)) throw new CliException($"There is no file {settings.File}.");
        var result = OfflineVerifier.Verify(System.IO.File.ReadLines(settings.File), settings.Head);
        var table = new Table().AddColumns("events", "streams", "checkpoints", "sealed through", "head");
        table.AddRow($"{result.Events}", $"{result.Streams}", $"{result.Checkpoints}", $"{result.SealedThrough}", Markup.Escape(result.Head ?? "-"));
        AnsiConsole.Write(table);
        // The verdict as one plain line, never wrapped, for scripts to read.
        Console.WriteLine(result.Broken is null ? "Intact." : $"Not intact: {result.Broken}");
        return result.Broken is null ? 0 : 1;
    }
}

public sealed record OfflineResult(long Events, long Streams, long Checkpoints, long SealedThrough, string? Head, string? Broken);

public static class OfflineVerifier
{
    private sealed record Link(long Version, string Hash);

    public static OfflineResult Verify(IEnumerable<string> lines, string? savedHead)
    {
        var after = 0L;
        var checkpoints = new List<AuditCheckpoint>();
        var streams = new Dictionary<Guid, Link>();
        long events = 0, lastSequence = 0;
        Sealing? sealing = null;
        string? broken = null;
        foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0) continue;
            JsonElement root;
            try { root = JsonDocument.Parse(line).RootElement; }
            catch (JsonException) { broken = $"line {number} is not JSON."; break; }

            if (root.TryGetProperty("export", out var export)) after = export.GetProperty("after").GetInt64();
            else if (root.TryGetProperty("checkpoint", out var c))
            {
                var checkpoint = c.Deserialize<AuditCheckpoint>(Http.Json)!;
                broken = Chain(checkpoint, checkpoints.LastOrDefault());
                if (broken is not null) break;
                checkpoints.Add(checkpoint);
            }
            else if (root.TryGetProperty("event", out var e))
            {
                sealing ??= new Sealing(checkpoints, after);
                var entry = Entry.From(e);
                events++;
                if (entry.Sequence <= lastSequence)
                {
                    broken = entry.Named($"it comes after sequence {lastSequence} in the file: the order of the log was changed.");
                    break;
                }
                lastSequence = entry.Sequence;
                broken = CheckEvent(entry, streams, after) ?? sealing.Add(entry);
                if (broken is not null) break;
                streams[entry.StreamId] = new Link(entry.Version, entry.Hash!);
            }
        }
        sealing ??= new Sealing(checkpoints, after);
        broken ??= sealing.Close();
        if (broken is null && savedHead is not null && checkpoints.All(c => c.Head != savedHead))
            broken = $"no checkpoint in the file has the head {savedHead}: the history behind it was rewritten, or the file is not that log's.";
        var head = checkpoints.LastOrDefault();
        return new OfflineResult(events, streams.Count, checkpoints.Count, head?.ToSequence ?? 0, head?.Head, broken);
    }

    /// <summary>A checkpoint follows the one before it and matches its own head.</summary>
    private static string? Chain(AuditCheckpoint c, AuditCheckpoint? previous)
    {
        if (c.Id != (previous?.Id ?? 0) + 1 || c.FromSequence != (previous?.ToSequence ?? 0) + 1 || c.PreviousHead != (previous?.Head ?? ""))
            return $"checkpoint {c.Id} does not follow checkpoint {previous?.Id ?? 0}: a checkpoint was removed or altered.";
        return AuditCheckpoint.HeadOf(c.Id, c.FromSequence, c.ToSequence, c.LeafCount, c.Root, c.PreviousHead) == c.Head
            ? null : $"checkpoint {c.Id} does not match its own head: it was altered.";
    }

    private static string? CheckEvent(Entry e, Dictionary<Guid, Link> streams, long after)
    {
        if (e.Hash is null) return e.Named("it carries no hash.");
        if (streams.TryGetValue(e.StreamId, out var previous))
        {
            if (e.Version != previous.Version + 1)
                return e.Named($"its stream goes from version {previous.Version} to {e.Version}: version {previous.Version + 1} is missing.");
            if (e.PreviousHash != previous.Hash)
                return e.Named($"it names a predecessor's hash other than version {previous.Version}'s.");
        }
        else if (e.Version > 1 && after == 0)
            return e.Named($"its stream begins at version {e.Version} in a whole log: version {e.Version - 1} is missing.");
        else if (e.Version == 1 && !string.IsNullOrEmpty(e.PreviousHash))
            return e.Named("a stream's first event names a predecessor.");
        var expected = Canonical.Hash(e.Version > 1 ? e.PreviousHash ?? Canonical.Genesis : Canonical.Genesis, e.Fields);
        return expected == e.Hash ? null : e.Named("it does not match its hash: its type, data or metadata were changed, or its predecessor's hash was.");
    }

    /// <summary>An event line: the log's entry, with what the hash covers.</summary>
    private sealed record Entry(long Sequence, Guid Id, Guid StreamId, long Version, string? Hash, string? PreviousHash, Canonical.Fields Fields)
    {
        public static Entry From(JsonElement e)
        {
            string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var sub = e.GetProperty("actor").TryGetProperty("sub", out var s) ? s.GetString() : null;
            var headers = e.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object ? h.GetRawText() : null;
            var fields = new Canonical.Fields(e.GetProperty("id").GetGuid(), e.GetProperty("streamId").GetGuid(), e.GetProperty("version").GetInt64(),
                e.GetProperty("type").GetString()!, e.GetProperty("recordedAt").GetDateTimeOffset(), string.IsNullOrEmpty(sub) ? null : sub,
                Text("correlationId"), Text("causationId"), headers, e.GetProperty("data").GetRawText());
            return new Entry(e.GetProperty("sequence").GetInt64(), fields.Id, fields.StreamId, fields.Version, Text("hash"), Text("previousHash"), fields);
        }

        public string Named(string reason) => $"the event at sequence {Sequence} (id {Id}, stream {StreamId}, version {Version}): {reason}";
    }

    /// <summary>
    /// Rebuilds each checkpoint's Merkle tree from the events of its range, in step with the events; a checkpoint whose range
    /// begins at or before the export's first sequence is checked for its chain only.
    /// </summary>
    private sealed class Sealing(List<AuditCheckpoint> checkpoints, long after)
    {
        private int index;
        private bool opened;
        private MerkleTree tree = new();
        private HashSet<long> gaps = [];
        private long next;

        private AuditCheckpoint? Current => index < checkpoints.Count ? checkpoints[index] : null;

        public string? Add(Entry e)
        {
            while (Current is { } ended && ended.ToSequence < e.Sequence)
                if (CloseCurrent() is { } broken) return broken;
            if (Current is not { } c || c.FromSequence > e.Sequence) return null;
            OpenCurrent();
            if (c.FromSequence <= after) return null;
            if (Missed(e.Sequence) is { } missing) return missing;
            if (gaps.Contains(e.Sequence)) return e.Named($"checkpoint {c.Id} sealed sequence {e.Sequence} as empty, but an event holds it.");
            tree.Add(e.Sequence, e.Hash);
            next = e.Sequence + 1;
            return null;
        }

        /// <summary>At the end of the file every checkpoint left closes: the events of its range that never came are missing.</summary>
        public string? Close()
        {
            while (Current is not null)
                if (CloseCurrent() is { } broken) return broken;
            return null;
        }

        private void OpenCurrent()
        {
            if (opened) return;
            tree = new MerkleTree();
            gaps = [.. Current!.Gaps];
            next = Current.FromSequence;
            opened = true;
        }

        private string? CloseCurrent()
        {
            OpenCurrent();
            var c = Current!;
            index++;
            opened = false;
            if (c.FromSequence <= after) return null;
            if (Missed(c.ToSequence + 1, c) is { } missing) return missing;
            return tree.Count == c.LeafCount && tree.Root() == c.Root ? null
                : $"the events from sequence {c.FromSequence} to {c.ToSequence} no longer give checkpoint {c.Id}'s Merkle root.";
        }

        private string? Missed(long before, AuditCheckpoint? c = null)
        {
            c ??= Current!;
            for (; next < before; next++)
                if (!gaps.Contains(next)) return $"the event at sequence {next}, sealed in checkpoint {c.Id}, is missing.";
            return null;
        }
    }
}
