using Cooperation.EventSourcing;
using Cooperation.Vocabulary;
using JasperFx.Events;
using Marten;

namespace Cooperation.Audit;

/// <summary>
/// Chains every appended event to the previous event of its stream: its hash, over the previous hash and the event's
/// canonical form, goes into its headers. It runs on every save of the store, whatever the caller, once Marten has
/// settled each event's id, version, time and metadata and before anything is written. Streams chain independently,
/// so writers of different streams never wait on each other; writers of one stream are already ordered by the
/// optimistic version check every append carries.
/// </summary>
public sealed class EventHashListener(AuditDatabase database) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        if (streams.Count == 0) return;

        foreach (var stream in streams)
            if (stream.ActionType != StreamActionType.Start && stream.ExpectedVersionOnServer is null)
                throw new InvalidOperationException(
                    $"Events for stream {stream.Id} are appended without knowing the stream's version; append through FetchForWriting so the hash chain has one predecessor.");

        var predecessors = await database.HashesAsync(
            streams.Where(s => s.ActionType != StreamActionType.Start && s.ExpectedVersionOnServer > 0)
                .Select(s => (s.Id, s.ExpectedVersionOnServer!.Value)).ToList(), token);

        var serializer = session.DocumentStore.Options.Serializer();
        foreach (var stream in streams)
        {
            var expected = stream.ActionType == StreamActionType.Start ? 0 : stream.ExpectedVersionOnServer!.Value;
            var previous = expected == 0 ? Canonical.Genesis : predecessors.GetValueOrDefault((stream.Id, expected)) ?? Canonical.Genesis;
            var version = expected;
            foreach (var e in stream.Events)
            {
                version++;
                // Stored as given (QuickWithServerTimestamps), cut to what PostgreSQL keeps, so the hash covers it.
                e.Timestamp = MicrosecondClock.Truncate(e.Timestamp == default ? DateTimeOffset.UtcNow : e.Timestamp);
                e.Headers?.Remove(EventHeaders.Hash);
                var fields = new Canonical.Fields(e.Id, stream.Id, version, e.EventTypeName, e.Timestamp, e.UserName, e.CorrelationId,
                    e.CausationId, e.Headers is { Count: > 0 } ? serializer.ToJson(e.Headers) : null, serializer.ToJson(e.Data));
                previous = Canonical.Hash(previous, fields);
                e.SetHeader(EventHeaders.Hash, previous);
            }
        }
    }
}
