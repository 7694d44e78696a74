using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cooperation.Load;

namespace Cooperation.Faults;

/// <summary>
/// The data folder lost and restored from the backups: writes, until each acknowledged one is published and on the dashboard;
/// the current WAL segment switched and archived, so that every write acknowledged is in the archive; the PostgreSQL primary
/// killed, its data folder deleted, <c>deploy/infra.sh restore</c> (the latest state, PostgreSQL started again); then writes again.
/// Every acknowledged write must read back, be published and reach the dashboard once, and the log verify intact.
/// Only on a throwaway run: it deletes the run's data folder.
/// </summary>
internal sealed class RestoreFromBackup(Suite suite) : Fault(suite)
{
    private const string Name = "data folder deleted, restored from backup";

    public override bool Applies => Suite.Options.Throwaway;

    public override async Task RunAsync()
    {
        await Suite.ReadyAsync();
        Suite.Log(Name);
        var answers = new Answers();
        await LoadAsync(answers, Suite.Seconds(20, 3));
        string? problem = null;
        // What the services did is all in the database before its last WAL is archived: they hold nothing the restore takes back.
        if (!await SettledAsync(answers)) problem = "the writes before the loss were not all published and on the dashboard within 60 s";
        var held = await ScalarAsync("SELECT pg_walfile_name(pg_current_wal_lsn())");
        await ScalarAsync("SELECT pg_switch_wal()::text");
        for (var clock = Stopwatch.StartNew(); string.CompareOrdinal(await ScalarAsync("SELECT last_archived_wal FROM pg_stat_archiver"), held) < 0; await Task.Delay(250))
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) { problem ??= $"segment {held} was not archived within 60 s"; break; }
        // The primary's: under COOP_HA=1 either node's (the restore then makes node 1 of a new set-up from the backup).
        var folder = await ScalarAsync("SELECT current_setting('data_directory')") ?? Path.Combine(Suite.Options.Data, "postgres", "data");
        var injected = DateTimeOffset.UtcNow;
        await Suite.Infra.RunAsync("pg-stop", "immediate");
        Directory.Delete(folder, recursive: true);
        var restore = Stopwatch.StartNew();
        try { await Suite.Infra.RunAsync("restore", "--services-up"); }
        catch (InvalidOperationException e) { problem ??= $"the restore failed: {e.Message}"; }
        Suite.Log($"restored in {restore.Elapsed.TotalSeconds:F0} s");
        var healed = DateTimeOffset.UtcNow;
        await LoadAsync(answers, Suite.Seconds(10, 2));
        problem ??= await VerifyAsync();
        Suite.Results.Add(new Result(Name, answers, injected, healed) { Problem = problem });
    }

    private async Task LoadAsync(Answers answers, TimeSpan length)
    {
        using var stop = new CancellationTokenSource(length);
        await Suite.Writer.RunAsync(Name, answers, clients: 4, stop.Token);
    }

    /// <summary>Waits (bounded) until every write acknowledged so far is published and in the dashboard's feed.</summary>
    private async Task<bool> SettledAsync(Answers answers)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(250))
            if (answers.Acked.All(a => Suite.Tap.Arrivals.Any(x => x.StreamId == a.StreamId) && Suite.Feed.Saw(a.StreamId, a.EventType)))
            {
                await Task.Delay(TimeSpan.FromSeconds(2));  // the daemon's and the dashboard's positions stored after
                return true;
            }
        return false;
    }

    /// <summary>The agreements' whole log verifies intact (its hash chain), as an auditor asks; null when it does.</summary>
    private async Task<string?> VerifyAsync()
    {
        using var auditor = await Gateway.ClientAsync(Suite.Options.Gateway, "auditor", null, "faults-auditor", TimeSpan.FromMinutes(5));
        for (var attempt = 0; attempt < 20; attempt++, await Task.Delay(1000))
        {
            using var response = await auditor.GetAsync("/api/agreements/events/verify");
            if (!response.IsSuccessStatusCode) continue;
            var log = await response.Content.ReadFromJsonAsync<JsonElement>();
            return log.GetProperty("intact").GetBoolean() ? null : $"the log does not verify after the restore: {log}";
        }
        return "events/verify did not answer after the restore";
    }

    private Task<string?> ScalarAsync(string sql) => Suite.Store.ScalarAsync("the WAL archived before the loss", sql);
}
