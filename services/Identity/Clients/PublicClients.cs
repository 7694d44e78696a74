using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Cooperation.Identity.Clients;

/// <summary>
/// The system's own public clients, which hold no secret: the command line (<c>coop login</c>, the device authorization
/// flow) and the pages (Identity:PageClient, <c>dashboard</c> unless set: the authorization code flow with PKCE, returning to
/// <c>/dashboard/</c> or, for the committees' workspace, <c>/workspace/</c> under the issuer). Both may ask for refresh tokens (<c>offline_access</c>).
/// </summary>
public static class PublicClients
{
    public const string Cli = "coop-cli";

    public static async Task RegisterAsync(IServiceProvider services, IdentitySettings settings)
    {
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var page = new Uri(new Uri(settings.IssuerUri), "dashboard/");
        var workspace = new Uri(new Uri(settings.IssuerUri), "workspace/");
        await Save(applications, new OpenIddictApplicationDescriptor
        {
            ClientId = Cli,
            ClientType = ClientTypes.Public,
            DisplayName = "coop (command line)",
            Permissions =
            {
                Permissions.Endpoints.DeviceAuthorization, Permissions.Endpoints.Token, Permissions.GrantTypes.DeviceCode,
                Permissions.GrantTypes.RefreshToken, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
        });
        await Save(applications, new OpenIddictApplicationDescriptor
        {
            ClientId = settings.PageClient,
            ClientType = ClientTypes.Public,
            DisplayName = "Dashboard",
            RedirectUris = { page, workspace },
            PostLogoutRedirectUris = { page, workspace },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    private static async Task Save(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!) is { } existing) await applications.UpdateAsync(existing, descriptor);
        else await applications.CreateAsync(descriptor);
    }
}
