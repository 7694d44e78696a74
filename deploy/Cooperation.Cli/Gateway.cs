using System.ComponentModel;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

/// <summary>Where the gateway is and who is calling: every command that talks to the system takes these.</summary>
public class GatewaySettings : CommandSettings
{
    [CommandOption("--gateway <URL>")]
    [Description("The gateway's address (default: COOP_GATEWAY, else http://127.0.0.1:8080).")]
    public string? Gateway { get; init; }

    [CommandOption("--token <JWT>")]
    [Description("A bearer token (default: COOP_TOKEN, else the one coop login keeps).")]
    public string? Token { get; init; }

    public Uri Address => new(Gateway ?? Environment.GetEnvironmentVariable("COOP_GATEWAY") ?? "http://127.0.0.1:8080");

    /// <summary>The token to send: --token, else COOP_TOKEN, else the one <c>coop login</c> keeps for this gateway.</summary>
    public string? BearerToken => (Token ?? Environment.GetEnvironmentVariable("COOP_TOKEN") ?? SavedTokens.AccessToken(Address.ToString())) is { Length: > 0 } token
        ? token : null;

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(10) };
        if (BearerToken is { } token) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>A command on one service's log: the service is its first argument.</summary>
public class ServiceSettings : GatewaySettings
{
    public static readonly string[] Services = ["agreements", "delegations", "trade"];

    [CommandArgument(0, "<service>")]
    [Description("agreements, delegations or trade.")]
    public string Service { get; init; } = "";

    /// <summary>Fails the command when the service is none of the system's.</summary>
    public void CheckService()
    {
        if (!Services.Contains(Service)) throw new CliException($"There is no service '{Service}': one of {string.Join(", ", Services)}.");
    }
}

public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// What the API's problem says: each invalid field with its messages, or, when it names no field, its detail (or title)
    /// under "-" with the status in front.
    /// </summary>
    public static async Task<IReadOnlyList<(string Field, string Message)>> ProblemAsync(HttpResponseMessage response)
    {
        var status = $"{(int)response.StatusCode}";
        try
        {
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any())
                return errors.EnumerateObject().Select(e => (e.Name, string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString())))).ToList();
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            return [("-", $"{status}: {detail ?? title ?? response.ReasonPhrase}")];
        }
        catch (JsonException)
        {
            return [("-", $"{status} {response.ReasonPhrase}")];
        }
    }

    /// <summary>The problem as one line, for a command that fails on it.</summary>
    public static async Task<string> ProblemLineAsync(HttpResponseMessage response) =>
        string.Join("; ", (await ProblemAsync(response)).Select(e => e.Field == "-" ? e.Message : $"{(int)response.StatusCode}: {e.Field}: {e.Message}"));

    /// <summary>
    /// Sends a request, again while the gateway answers that it is busy (429) or that the service is out of reach (502, 503),
    /// after the Retry-After it gives, for up to two minutes; writes carry their Idempotency-Key, so a retry is made once.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var message = request();
            var response = await client.SendAsync(message, ct);
            if ((int)response.StatusCode is not (429 or 502 or 503) || DateTime.UtcNow > deadline) return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>Fails the command with the problem the API answered.</summary>
    public static async Task<JsonElement> ReadOrFailAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw new CliException(await ProblemLineAsync(response));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }
}

/// <summary>A failure the user can act on: printed as a line, the command exits 1.</summary>
public sealed class CliException(string message) : Exception(message)
{
    public static int Print(string message)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{message}[/]");
        return 1;
    }
}

/// <summary>Runs a command that works on files alone, turning a <see cref="CliException"/> into its message and exit code 1.</summary>
public abstract class FileCommand<TSettings> : Command<TSettings> where TSettings : CommandSettings
{
    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellation)
    {
        try
        {
            return Run(settings);
        }
        catch (CliException e)
        {
            return CliException.Print(e.Message);
        }
    }

    protected abstract int Run(TSettings settings);
}

/// <summary>Runs a command's body, turning a <see cref="CliException"/> or an unreachable gateway into a message and exit code 1.</summary>
public abstract class GatewayCommand<TSettings> : AsyncCommand<TSettings> where TSettings : GatewaySettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellation)
    {
        try
        {
            using var client = settings.Client();
            return await RunAsync(client, settings, cancellation);
        }
        catch (CliException e)
        {
            return CliException.Print(e.Message);
        }
        catch (HttpRequestException e)
        {
            return CliException.Print($"The gateway could not be reached: {e.Message}");
        }
    }

    protected abstract Task<int> RunAsync(HttpClient client, TSettings settings, CancellationToken ct);
}
