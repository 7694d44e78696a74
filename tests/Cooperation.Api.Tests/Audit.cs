using System.Net;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>Steps the audit tests share: records with a known number of events, and waiting for background work.</summary>
public static class Audit
{
    /// <summary>A signed agreement extended <paramref name="extensions"/> times: 2 + extensions events.</summary>
    public static async Task<Guid> AgreementWithEventsAsync(HttpClient committee, int extensions = 1)
    {
        var id = await committee.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Audited"), validUntil: "2020"));
        for (var i = 0; i < extensions; i++)
        {
            using var extended = await committee.PostAsync($"/api/agreements/{id}/extension", new { validUntil = $"{2021 + i}" });
            Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        }
        return id;
    }

    public static async Task<long[]> SequencesAsync(HttpClient client, Guid id) =>
        (await client.GetJsonAsync($"/api/agreements/{id}/history")).EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToArray();

    /// <summary>Polls a background job's document until it leaves "running".</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement job;
        do
        {
            job = await client.GetJsonAsync(path);
            if (job.GetProperty("status").GetString() != "running") return job;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return job;
    }

    /// <summary>Waits until a checkpoint seals the sequence.</summary>
    public static async Task SealedAsync(HttpClient auditor, long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var checkpoints = await auditor.GetJsonAsync("/api/agreements/events/checkpoints");
            if (checkpoints.EnumerateArray().Any(c => c.GetProperty("toSequence").GetInt64() >= sequence)) return;
            await Task.Delay(250);
        }
        Assert.Fail($"No checkpoint sealed sequence {sequence} within 60 s.");
    }
}
