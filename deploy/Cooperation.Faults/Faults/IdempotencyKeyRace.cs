using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cooperation.Faults;

/// <summary>20 clients send the same registration with the same Idempotency-Key at once: exactly one agreement.</summary>
internal sealed class IdempotencyKeyRace(Suite suite) : StandaloneFault(suite, "20 clients, one Idempotency-Key", "20 clients, one Idempotency-Key")
{
    protected override async Task<Result> MakeAsync(Result row)
    {
        var title = Writer.Title(Suite.Run, "idempotency", 0);
        var ids = new ConcurrentBag<Guid>();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await Suite.Committee.SendAsync(Suite.Writer.Registration(title, $"faults-{Suite.Run}-same-key"));
            if (response.IsSuccessStatusCode) ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            else await row.Answers.NoteAsync(response, "POST /api/agreements, one Idempotency-Key");
        }));
        foreach (var id in ids.Distinct()) row.Answers.Acked.Enqueue(new Acknowledged(id, "agreement_registered", "same-key", DateTimeOffset.UtcNow));
        var stored = await StreamsTitledAsync(title);
        return row with
        {
            Stored = stored, Doubled = Math.Max(0, stored - 1),
            Problem = ids.Distinct().Count() == 1 ? null : $"{ids.Distinct().Count()} different agreements answered",
        };
    }

    // Counted in the event store, not through the gateway: a second agreement made under the key has an id no client was told.
    private async Task<int> StreamsTitledAsync(string title) => int.Parse((await Suite.Store.ScalarAsync("the agreements registered under one key",
        "SELECT count(*) FROM agreements.mt_events WHERE type = 'agreement_registered' AND data->>'title' = @title", ("title", title)))!);
}
