using System.ComponentModel;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

/// <summary>
/// The file an export writes, one JSON object a line: first <c>{"export":{service, after, exportedAt}}</c>, then every
/// checkpoint as <c>{"checkpoint":{...}}</c>, oldest first, then every event after the sequence as <c>{"event":{...}}</c>, in
/// global order, each as the log's NDJSON gives it (with its headers, hash and its predecessor's hash). The checkpoints are
/// read first, so every event they seal is in the file.
/// </summary>
public sealed class ExportCommand : GatewayCommand<ExportCommand.Settings>
{
    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--after <SEQUENCE>")]
        [Description("Export the events after this sequence only (default 0: the whole log).")]
        public long After { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("The NDJSON file to write.")]
        public string Out { get; init; } = "";
    }

    protected override async Task<int> RunAsync(HttpClient client, Settings settings, CancellationToken ct)
    {
        settings.CheckService();
        if (settings.Out.Length == 0) throw new CliException("--out is required: the file to write.");
        if (settings.After < 0) throw new CliException("--after must be 0 or more.");

        await using var file = new StreamWriter(settings.Out);
        await file.WriteLineAsync(Line("export", new JsonObject
        {
            ["service"] = settings.Service, ["after"] = settings.After, ["exportedAt"] = DateTimeOffset.UtcNow.ToString("O"),
        }));
        var checkpoints = 0L;
        var events = 0L;
        await AnsiConsole.Status().StartAsync($"Exporting {settings.Service}", async status =>
        {
            var afterId = 0L;
            while (true)
            {
                using var page = await client.GetAsync($"/api/{settings.Service}/events/checkpoints?after={afterId}", ct);
                var items = (await Http.ReadOrFailAsync(page)).EnumerateArray().ToList();
                foreach (var c in items) await file.WriteLineAsync(Line("checkpoint", JsonNode.Parse(c.GetRawText())));
                checkpoints += items.Count;
                if (items.Count == 0) break;
                afterId = items[^1].GetProperty("id").GetInt64();
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/{settings.Service}/events?after={settings.After}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode) throw new CliException(await Http.ProblemLineAsync(response));
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0) continue;
                await file.WriteLineAsync($"{{\"event\":{line}}}");
                if (++events % 1000 == 0) status.Status($"Exporting {settings.Service}: {events} events");
            }
        });
        AnsiConsole.MarkupLineInterpolated($"Wrote {settings.Out}: {events} events after sequence {settings.After}, {checkpoints} checkpoints.");
        return 0;
    }

    private static string Line(string kind, JsonNode? value) => new JsonObject { [kind] = value }.ToJsonString();
}
