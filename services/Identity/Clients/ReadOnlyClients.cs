using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Cooperation.Identity.Clients;

/// <summary>
/// Other systems that read (a ministry's statistics, say): confidential clients of the client credentials flow, each named
/// with its secret under Identity:ReadOnlyClients (<c>Identity__ReadOnlyClients__&lt;client id&gt;=&lt;secret&gt;</c>). Their
/// tokens carry the role <see cref="Roles.Reader"/>, which the Read policy admits and no other.
/// </summary>
public static class ReadOnlyClients
{
    public const string Scope = "read";

    /// <summary>Creates each configured client, or gives an existing one its configured secret and permissions.</summary>
    public static async Task RegisterAsync(IServiceProvider services, IConfiguration configuration)
    {
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in configuration.GetSection("Identity:ReadOnlyClients").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(client.Value) || client.Value.Length < 16)
                throw new InvalidOperationException($"Identity:ReadOnlyClients:{client.Key} must be the client's secret, at least 16 characters.");
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.Key,
                ClientSecret = client.Value,
                ClientType = ClientTypes.Confidential,
                DisplayName = client.Key,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + Scope },
            };
            if (await applications.FindByClientIdAsync(client.Key) is { } existing) await applications.UpdateAsync(existing, descriptor);
            else await applications.CreateAsync(descriptor);
        }
    }
}
