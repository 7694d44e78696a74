using System.Net.Http.Json;
using System.Text.Json;
using Cooperation.Load;

namespace Cooperation.Faults;

/// <summary>A rebuild of the agreements' read models while writes go on: the views of agreements written before read the same after.</summary>
internal sealed class RebuildUnderWrites(Suite suite) : LoadFault(suite, "a rebuild while writes go on", suite.Seconds(3, 1))
{
    // The full form only: it took five minutes of the short form on a loaded machine (load average near 90).
    public override bool Applies => Suite.Full;

    private readonly Dictionary<Guid, string> before = [];
    private string? problem;

    protected override async Task<DateTimeOffset> InjectAsync(Answers answers)
    {
        // The agreements the faults before wrote.
        var sample = Suite.Results.SelectMany(r => r.Answers.Acked).Where(a => a.EventType == "agreement_registered").Select(a => a.StreamId).Distinct().Take(30).ToList();
        foreach (var id in sample) before[id] = await Suite.Committee.GetStringAsync($"/api/agreements/{id}");
        using var admin = await Gateway.ClientAsync(Suite.Options.Gateway, "admin", null, "faults-admin");
        using var started = await admin.PostAsJsonAsync("/api/agreements/rebuilds", new { });
        if (!started.IsSuccessStatusCode) { problem = $"the rebuild was refused: {(int)started.StatusCode}"; await answers.NoteAsync(started, "POST rebuilds"); return DateTimeOffset.UtcNow; }
        var job = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var status = await Suite.JobAsync(admin, $"/api/agreements/rebuilds/{job}", TimeSpan.FromMinutes(5));
        if (status != "completed") problem = $"the rebuild ended {status}";
        return DateTimeOffset.UtcNow;
    }

    protected override async Task<string?> ProblemAsync(string? failure)
    {
        var changed = 0;
        foreach (var (id, view) in before)
            if (await Suite.Committee.GetStringAsync($"/api/agreements/{id}") != view) changed++;
        // The rebuild's own findings make its row's problem, in place of a failure to make the fault, as they always have.
        return problem ?? (changed == 0 ? null : $"{changed} of {before.Count} views changed");
    }
}
