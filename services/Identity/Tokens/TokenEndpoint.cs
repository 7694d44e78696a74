using System.Security.Claims;
using Cooperation.Identity.Clients;
using Cooperation.Identity.Store;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Cooperation.Identity.Tokens;

/// <summary>
/// What OpenIddict's token endpoint hands out once it has checked the request: for a read-only client, a token with the
/// reader's role; for a code (the page's sign-in), a device code (the command line's) or a refresh token, a new access
/// token with the account's role and region as they are now, or invalid_grant when the account is gone or disabled.
/// </summary>
public static class TokenEndpoint
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static WebApplication MapTokenEndpoint(this WebApplication app)
    {
        app.MapPost("/connect/token", async (HttpContext http, UserManager<Account> accounts, IdentitySettings settings, ILoggerFactory logs) =>
            {
                var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be read.");
                if (request.IsClientCredentialsGrantType())
                {
                    var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                    identity.SetClaim(Claims.Subject, request.ClientId).SetClaim(Claims.Role, Roles.Reader);
                    return SignIn(identity, [ReadOnlyClients.Scope], settings);
                }
                if (request.IsAuthorizationCodeGrantType() || request.IsDeviceCodeGrantType() || request.IsRefreshTokenGrantType())
                {
                    var result = await http.AuthenticateAsync(Scheme);
                    var name = result.Principal?.GetClaim(Claims.Subject);
                    if (name is null || await accounts.FindByNameAsync(name) is not { Disabled: false } account)
                    {
                        logs.CreateLogger("Cooperation.Identity.Tokens").LogWarning("{Grant} refused for {Account}: the account is disabled or gone", request.GrantType, name);
                        return Refuse("The account is disabled or no longer exists.");
                    }
                    return SignIn(Identities.Of(account), result.Principal!.GetScopes(), settings);
                }
                return Refuse("This grant type is not served.", Errors.UnsupportedGrantType);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    public static IResult SignIn(ClaimsIdentity identity, IEnumerable<string> scopes, IdentitySettings settings)
    {
        identity.SetScopes(scopes).SetResources(settings.Audience);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    public static IResult Refuse(string description, string error = Errors.InvalidGrant) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [Scheme]);
}

/// <summary>The claims of an account in its tokens: its sign-in name as the subject, its display name, role and, for a committee, region.</summary>
public static class Identities
{
    public static ClaimsIdentity Of(Account account)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.UserName).SetClaim(Claims.Name, account.DisplayName).SetClaim(Claims.Role, account.Role);
        if (account.Role == Roles.Committee) identity.SetClaim("region", account.Region);
        return identity;
    }
}
