using System.ComponentModel;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

/// <summary>
/// The tokens <c>coop login</c> keeps, per gateway, in the user's config folder (<c>~/.config/cooperation/tokens.json</c>,
/// or under XDG_CONFIG_HOME), readable by the user only; an access token about to expire is refreshed before use.
/// </summary>
public static class SavedTokens
{
    public const string ClientId = "coop-cli";

    public static string File => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "cooperation", "tokens.json");

    private static JsonObject Load() => System.IO.File.Exists(File) ? JsonNode.Parse(System.IO.File.ReadAllText(File)) as JsonObject ?? [] : [];

    public static void Save(string gateway, JsonElement tokens)
    {
        var all = Load();
        all[gateway] = new JsonObject
        {
            ["accessToken"] = tokens.GetProperty("access_token").GetString(),
            ["refreshToken"] = tokens.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            ["expiresAt"] = DateTimeOffset.UtcNow.AddSeconds(tokens.GetProperty("expires_in").GetInt32()),
        };
        Write(all);
    }

    public static bool Forget(string gateway)
    {
        var all = Load();
        var removed = all.Remove(gateway);
        Write(all);
        return removed;
    }

    private static void Write(JsonObject all)
    {
        if (OperatingSystem.IsWindows()) throw new CliException("coop keeps its tokens with Unix permissions (0600).");
        Directory.CreateDirectory(Path.GetDirectoryName(File)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = File + ".new";
        using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            JsonSerializer.Serialize(stream, all);
        System.IO.File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        System.IO.File.Move(temporary, File, overwrite: true);
    }

    /// <summary>The saved access token for the gateway, refreshed first when it expires within a minute; null when none is saved.</summary>
    public static string? AccessToken(string gateway)
    {
        if (Load()[gateway] is not JsonObject saved) return null;
        if (saved["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(1)) return saved["accessToken"]!.GetValue<string>();
        if (saved["refreshToken"]?.GetValue<string>() is not { } refresh) throw new CliException("The saved sign-in has expired: run coop login again.");
        using var client = new HttpClient { BaseAddress = new Uri(gateway) };
        using var response = client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["refresh_token"] = refresh,
        })).GetAwaiter().GetResult();
        var answer = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
            throw new CliException($"The sign-in could not be renewed ({(answer.TryGetProperty("error_description", out var why) ? why.GetString() : response.StatusCode)}): run coop login again.");
        Save(gateway, answer);
        return answer.GetProperty("access_token").GetString();
    }
}

public sealed class LoginCommand : GatewayCommand<GatewaySettings>
{
    protected override async Task<int> RunAsync(HttpClient client, GatewaySettings settings, CancellationToken ct)
    {
        using var device = await client.PostAsync("/connect/device", Form(("client_id", SavedTokens.ClientId), ("scope", "offline_access")), ct);
        var grant = await device.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!device.IsSuccessStatusCode) throw new CliException($"The provider refused the sign-in: {grant}");
        Console.WriteLine($"Open {grant.GetProperty("verification_uri").GetString()} and enter the code {grant.GetProperty("user_code").GetString()}");
        if (grant.TryGetProperty("verification_uri_complete", out var complete)) Console.WriteLine($"(or open {complete.GetString()})");
        var interval = TimeSpan.FromSeconds(grant.TryGetProperty("interval", out var seconds) ? seconds.GetInt32() : 5);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(grant.GetProperty("expires_in").GetInt32());
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(interval, ct);
            using var response = await client.PostAsync("/connect/token", Form(("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("client_id", SavedTokens.ClientId), ("device_code", grant.GetProperty("device_code").GetString()!)), ct);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (response.IsSuccessStatusCode)
            {
                SavedTokens.Save(client.BaseAddress!.ToString(), answer);
                Console.WriteLine($"Signed in; the tokens are kept in {SavedTokens.File}.");
                return 0;
            }
            switch (answer.GetProperty("error").GetString())
            {
                case "authorization_pending": continue;
                case "slow_down": interval += TimeSpan.FromSeconds(5); continue;
                default: throw new CliException($"The sign-in failed: {(answer.TryGetProperty("error_description", out var why) ? why.GetString() : answer.GetProperty("error").GetString())}");
            }
        }
        throw new CliException("The code expired before it was entered: run coop login again.");
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}

public sealed class LogoutCommand : FileCommand<GatewaySettings>
{
    protected override int Run(GatewaySettings settings)
    {
        var gateway = settings.Address.ToString();
        Console.WriteLine(SavedTokens.Forget(gateway) ? $"Signed out of {gateway}." : $"No sign-in was kept for {gateway}.");
        return 0;
    }
}

public sealed class UsersCommand : GatewayCommand<UsersCommand.Settings>
{
    public sealed class Settings : GatewaySettings
    {
        [CommandArgument(0, "<action>")]
        [Description("list, create, disable, enable, reset-password or set-role.")]
        public string Action { get; init; } = "";

        [CommandArgument(1, "[name]")]
        [Description("The account's sign-in name (every action but list).")]
        public string? Name { get; init; }

        [CommandOption("--display-name <TEXT>")]
        public string? DisplayName { get; init; }

        [CommandOption("--role <ROLE>")]
        [Description("committee, ministry, auditor or admin (create, set-role).")]
        public string? Role { get; init; }

        [CommandOption("--region <CODE>")]
        [Description("A committee's region, an ISO 3166-2 code such as BY-HR (create, set-role).")]
        public string? Region { get; init; }
    }

    protected override async Task<int> RunAsync(HttpClient client, Settings settings, CancellationToken ct)
    {
        if (settings.Action != "list" && string.IsNullOrWhiteSpace(settings.Name)) throw new CliException($"users {settings.Action} needs the account's sign-in name.");
        var path = $"/api/identity/users/{Uri.EscapeDataString(settings.Name ?? "")}";
        using var response = settings.Action switch
        {
            "list" => await client.GetAsync("/api/identity/users", ct),
            "create" => await client.PostAsJsonAsync("/api/identity/users",
                new { userName = settings.Name, displayName = settings.DisplayName ?? settings.Name, role = settings.Role, region = settings.Region }, ct),
            "disable" or "enable" or "reset-password" => await client.PostAsJsonAsync($"{path}/{settings.Action}", new { }, ct),
            "set-role" => await client.PostAsJsonAsync($"{path}/role", new { role = settings.Role, region = settings.Region }, ct),
            _ => throw new CliException($"There is no action '{settings.Action}': list, create, disable, enable, reset-password or set-role."),
        };
        var answer = await Http.ReadOrFailAsync(response);
        if (answer.ValueKind == JsonValueKind.Array)
            foreach (var account in answer.EnumerateArray())
                Console.WriteLine($"{account.GetProperty("userName").GetString(),-28} {account.GetProperty("role").GetString(),-10} {(account.GetProperty("region").GetString() ?? "-"),-6} {(account.GetProperty("disabled").GetBoolean() ? "disabled" : "active")}  {account.GetProperty("displayName").GetString()}");
        else if (answer.TryGetProperty("newPassword", out var password))
            Console.WriteLine($"{answer.GetProperty("userName").GetString()} {password.GetString()}");
        else
            Console.WriteLine($"{answer.GetProperty("userName").GetString()}: {answer.GetProperty("role").GetString()}{(answer.GetProperty("region").GetString() is { } region ? $" {region}" : "")}, {(answer.GetProperty("disabled").GetBoolean() ? "disabled" : "active")}");
        return 0;
    }
}
