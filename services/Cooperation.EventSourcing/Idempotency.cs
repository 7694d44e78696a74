using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using Marten;

namespace Cooperation.EventSourcing;

/// <summary>The first answer to a write made with an Idempotency-Key, kept to answer its retries.</summary>
public sealed record IdempotencyRecord(string Id, string Fingerprint, Guid StreamId, long Version, DateTimeOffset RecordedAt);

/// <summary>How a write made again with the same Idempotency-Key is known, and answered with what the first one did.</summary>
public static class Idempotency
{
    /// <summary>Marks the answer to a retry with a used Idempotency-Key: the first answer again, nothing appended.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// A key counts only for the caller who used it: its record is named by a hash of the caller's sub, role and region and
    /// the key, each prefixed with its length, so no two callers or keys can share a record, and a retry is answered only
    /// to the very caller whose write it was.
    /// </summary>
    public static string RecordId(Actor actor, string key)
    {
        var text = new StringBuilder();
        foreach (var part in new[] { actor.Sub, actor.Role, actor.Region ?? "", key }) text.Append(part.Length).Append(':').Append(part);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// What a key's first request said, as a hash. Fields left out (null) are left out of it, so a field added to a request
    /// later does not make a retry of an earlier request read as a different one.
    /// </summary>
    public static string Fingerprint(string route, object request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(route + "\n" + JsonSerializer.Serialize(request, request.GetType(), FingerprintJson))));

    private static readonly JsonSerializerOptions FingerprintJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The first answer for a key, when there was one: again for the same request, refused for a different one.</summary>
    public static async Task<WriteOutcome?> ReplayAsync(IQuerySession session, string recordId, string fingerprint, CancellationToken ct)
    {
        var record = await session.LoadAsync<IdempotencyRecord>(recordId, ct);
        if (record is null) return null;
        return record.Fingerprint == fingerprint
            ? new WriteOutcome(record.StreamId, record.Version, Replayed: true)
            : new WriteOutcome(record.StreamId, record.Version,
                DomainError.Invalid("Idempotency-Key", "This Idempotency-Key was already used for a different request."));
    }
}
