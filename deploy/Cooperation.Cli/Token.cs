using System.ComponentModel;
using System.Net.Http.Json;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

public sealed class TokenCommand : GatewayCommand<TokenCommand.Settings>
{
    public sealed class Settings : GatewaySettings
    {
        [CommandOption("--role <ROLE>")]
        [Description("committee, ministry, auditor or admin.")]
        public string Role { get; init; } = "";

        [CommandOption("--region <CODE>")]
        [Description("The committee's region, an ISO 3166-2 code such as BY-VI.")]
        public string? Region { get; init; }

        [CommandOption("--sub <NAME>")]
        [Description("Who the token names (default: the role, and the region for a committee).")]
        public string? Sub { get; init; }
    }

    protected override async Task<int> RunAsync(HttpClient client, Settings settings, CancellationToken ct)
    {
        var sub = settings.Sub ?? (settings.Region is null ? settings.Role : $"{settings.Role}-{settings.Region}".ToLowerInvariant());
        using var response = await client.PostAsJsonAsync("/api/dev/tokens", new { role = settings.Role, region = settings.Region, sub }, ct);
        var token = await Http.ReadOrFailAsync(response);
        Console.WriteLine(token.GetProperty("token").GetString());
        return 0;
    }
}
