using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Cooperation.EventSourcing;

/// <summary>
/// Reports, in the instance's readiness, whether PostgreSQL's WAL reaches the backups (pg_stat_archiver): Degraded when the
/// last attempt to archive failed after the last success, or when more than <see cref="MostWaiting"/> segments wait to be
/// archived. Archiving never drops WAL to catch up: PostgreSQL keeps each segment until it is archived, so an archive that
/// cannot be written is an alarm here, and a disk that fills, never a gap in the backups.
/// </summary>
public sealed class ArchivingHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    /// <summary>Segments (16 MB each) that may wait: one or two do with archive_timeout's switches; more means archiving lags.</summary>
    public const int MostWaiting = 16;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT current_setting('archive_mode'), last_archived_wal, last_archived_time, last_failed_wal, last_failed_time, " +
            "pg_walfile_name(pg_current_wal_lsn()) FROM pg_stat_archiver");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var mode = reader.GetString(0);
        if (mode == "off") return HealthCheckResult.Healthy("WAL archiving is off: no backups.", new Dictionary<string, object> { ["archiving"] = false });
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        DateTime? Time(int i) => reader.IsDBNull(i) ? null : reader.GetDateTime(i);
        var (archived, archivedAt, failed, failedAt, current) = (Text(1), Time(2), Text(3), Time(4), reader.GetString(5));
        var waiting = Segment(current) - Segment(archived) - 1;
        var data = new Dictionary<string, object>
        {
            ["archiving"] = true, ["lastArchived"] = archived ?? "", ["lastArchivedAt"] = archivedAt?.ToString("O") ?? "",
            ["lastFailed"] = failed ?? "", ["lastFailedAt"] = failedAt?.ToString("O") ?? "", ["waiting"] = waiting ?? -1,
        };
        if (failedAt is not null && (archivedAt is null || failedAt > archivedAt))
            return HealthCheckResult.Degraded($"WAL archiving fails since {failedAt:O} ({failed}): backups miss every write since {archivedAt?.ToString("O") ?? "the start"}.", data: data);
        if (waiting > MostWaiting)
            return HealthCheckResult.Degraded($"{waiting} WAL segments wait to be archived: archiving lags behind the writes.", data: data);
        return HealthCheckResult.Healthy($"WAL archived up to {archived ?? "nothing yet"}.", data);
    }

    /// <summary>A WAL file's segment number from its name (timeline, log, segment: 8 hex digits each); null for a history or backup file.</summary>
    private static long? Segment(string? wal) =>
        wal is { Length: 24 } && long.TryParse(wal[8..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var log)
            && long.TryParse(wal[16..24], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var segment)
            ? (log << 8) + segment  // 256 segments of 16 MB in each 4 GB log
            : null;
}
