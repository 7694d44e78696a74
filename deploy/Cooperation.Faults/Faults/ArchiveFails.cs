using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cooperation.Faults;

/// <summary>
/// WAL archiving fails (archive_command set to `false`, a segment switched): every agreements instance's readiness reports it (archiving
/// Degraded); once archiving works again, the segments held back are archived, none skipped, and readiness is healthy again.
/// </summary>
internal sealed class ArchiveFails(Suite suite) : StandaloneFault(suite, "WAL archiving fails, then works again", "WAL archiving fails, then works")
{
    protected override async Task<Result> MakeAsync(Result row)
    {
        if (await ScalarAsync("SELECT current_setting('archive_mode')") == "off")
            return row with { Problem = "WAL archiving is off in this run (COOP_BACKUPS=0): no backups to fail" };
        string? problem = null;
        try
        {
            await ScalarAsync("ALTER SYSTEM SET archive_command = 'false'");
            await ScalarAsync("SELECT pg_reload_conf()::text");
            // A WAL record, so that the switch below has a segment to close and hand to the failing archive_command.
            await ScalarAsync("SELECT pg_logical_emit_message(false, 'faults', 'archiving fails')::text");
            var held = await ScalarAsync("SELECT pg_walfile_name(pg_current_wal_lsn())");
            await ScalarAsync("SELECT pg_switch_wal()::text");
            problem = await ArchivingAsync("Degraded");
            await ScalarAsync("ALTER SYSTEM RESET archive_command");
            await ScalarAsync("SELECT pg_reload_conf()::text");
            problem ??= await ArchivingAsync("Healthy");
            var archived = await ScalarAsync("SELECT last_archived_wal FROM pg_stat_archiver");
            // Same timeline: names order as the segments do. The segment that could not be archived is, and nothing after it was skipped.
            if (string.CompareOrdinal(archived, held) < 0) problem ??= $"segment {held} was not archived (last archived: {archived})";
        }
        finally
        {
            await ScalarAsync("ALTER SYSTEM RESET archive_command");
            await ScalarAsync("SELECT pg_reload_conf()::text");
        }
        return row with { Problem = problem };
    }

    /// <summary>Waits (bounded) until every agreements instance's readiness gives the archiving check this status; else what the last said.</summary>
    private async Task<string?> ArchivingAsync(string status)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var last = "no answer";
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(500))
        {
            var all = true;
            foreach (var instance in Suite.Instances)
                try
                {
                    var ready = await http.GetFromJsonAsync<JsonElement>(new Uri(instance, "/health/ready"));
                    var archiving = ready.GetProperty("checks").GetProperty("archiving");
                    last = $"{archiving.GetProperty("status").GetString()}: {archiving.GetProperty("description").GetString()}";
                    all &= archiving.GetProperty("status").GetString() == status;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException) { (all, last) = (false, e.Message); }
            if (all) return null;
        }
        return $"readiness did not report archiving {status} within 60 s (last: {last})";
    }

    private Task<string?> ScalarAsync(string sql) => Suite.Store.ScalarAsync("the WAL's archiving", sql);
}
