using System.Net.Http.Json;
using System.Text.Json;
using Cooperation.Load;
using RabbitMQ.Client;

namespace Cooperation.Faults;

/// <summary>
/// Two replays at once: one into a queue it cannot use (declared with arguments a replay's queue must not have), one into a
/// fresh queue. The bad one is refused or fails alone; the good one completes.
/// </summary>
internal sealed class ReplayIntoUnusableQueue(Suite suite)
    : StandaloneFault(suite, "a replay into an unusable queue beside a good one", "two replays, one into an unusable queue")
{
    protected override async Task<Result> MakeAsync(Result row)
    {
        var answers = row.Answers;
        // Replays go only into queues named replay.*, which the broker lets a service publish into.
        var good = $"replay.faults-{Suite.Run}-good";
        var bad = $"replay.faults-{Suite.Run}-bad";
        await using var connection = await new ConnectionFactory { Uri = new Uri(Suite.Options.RabbitMq), ClientProvidedName = "cooperation-faults-replays" }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(bad, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-max-length"] = 1 });
        using var auditor = await Gateway.ClientAsync(Suite.Options.Gateway, "auditor", null, "faults-auditor-good");
        using var other = await Gateway.ClientAsync(Suite.Options.Gateway, "auditor", null, "faults-auditor-bad");
        using var goodStart = await auditor.PostAsJsonAsync("/api/agreements/replays", new { queue = good });
        using var badStart = await other.PostAsJsonAsync("/api/agreements/replays", new { queue = bad });
        await answers.NoteAsync(goodStart, "POST replays (good)");
        await answers.NoteAsync(badStart, "POST replays (unusable queue)");
        string? problem = null;
        if (!goodStart.IsSuccessStatusCode) problem = $"the good replay was refused: {(int)goodStart.StatusCode}";
        else
        {
            var job = (await goodStart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var status = await Suite.JobAsync(auditor, $"/api/agreements/replays/{job}", TimeSpan.FromMinutes(5));
            if (status != "completed") problem = $"the good replay ended {status}";
        }
        if (badStart.IsSuccessStatusCode)
        {
            var job = (await badStart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var status = await Suite.JobAsync(other, $"/api/agreements/replays/{job}", Suite.Seconds(60, 30));
            if (status == "completed") problem ??= "the replay into the unusable queue completed";
        }
        else if ((int)badStart.StatusCode is < 400 or >= 500) problem ??= $"the replay into the unusable queue was answered {(int)badStart.StatusCode}";
        // The good replay declares its queue when it runs; refused, it declared none.
        var delivered = goodStart.IsSuccessStatusCode ? (await channel.QueueDeclarePassiveAsync(good)).MessageCount : 0;
        await channel.QueueDeleteAsync(good, ifUnused: false, ifEmpty: false);
        await channel.QueueDeleteAsync(bad, ifUnused: false, ifEmpty: false);
        return row with { Stored = (int)delivered, Problem = problem ?? (delivered > 0 ? null : "the good replay delivered nothing"), Replay = true };
    }
}
