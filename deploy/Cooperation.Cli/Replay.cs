using System.ComponentModel;
using System.Net.Http.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

public sealed class ReplayCommand : GatewayCommand<ReplayCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--queue <QUEUE>")]
        [Description("The RabbitMQ queue to replay into: replay.<name> (durable; the service declares it if it does not exist).")]
        public string Queue { get; init; } = "";

        [CommandOption("--from <SEQUENCE>")]
        [Description("The first sequence (default: the first event).")]
        public long? From { get; init; }

        [CommandOption("--to <SEQUENCE>")]
        [Description("The last sequence (default: the last event when the replay starts).")]
        public long? To { get; init; }
    }

    protected override async Task<int> RunAsync(HttpClient client, Settings settings, CancellationToken ct)
    {
        settings.CheckService();
        using var started = await client.PostAsJsonAsync($"/api/{settings.Service}/replays",
            new { queue = settings.Queue, fromSequence = settings.From, toSequence = settings.To }, ct);
        var replay = await Http.ReadOrFailAsync(started);
        var id = replay.GetProperty("id").GetGuid();
        AnsiConsole.MarkupLineInterpolated($"Replay {id} into {settings.Queue}.");
        await AnsiConsole.Status().StartAsync("Replaying", async status =>
        {
            while (replay.GetProperty("status").GetString() == "running")
            {
                await Task.Delay(500, ct);
                using var read = await client.GetAsync($"/api/{settings.Service}/replays/{id}", ct);
                replay = await Http.ReadOrFailAsync(read);
                status.Status($"Replaying: {Describe(replay)}");
            }
        });
        AnsiConsole.MarkupLineInterpolated($"Replay {id}: {replay.GetProperty("status").GetString()}, {Describe(replay)}");
        return replay.GetProperty("status").GetString() == "completed" ? 0 : 1;
    }

    private static string Describe(System.Text.Json.JsonElement replay) =>
        string.Join(", ", replay.EnumerateObject().Where(p => p.Name is "published" or "lastSequence" or "fromSequence" or "toSequence" or "error")
            .Select(p => $"{p.Name} {p.Value}"));
}
