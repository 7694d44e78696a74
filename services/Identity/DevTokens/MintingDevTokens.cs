using Cooperation.Identity.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cooperation.Identity.DevTokens;

/// <summary>
/// Mints a token for a local run, signed by the provider's current key, for the configured issuer and audience and for
/// Identity:MaxTokenLifetime (15 minutes unless set); mapped only when Identity:DevTokens is true.
/// </summary>
public static class MintingDevTokens
{
    public sealed record TokenRequest(string? Role, string? Region, string? Sub);

    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    public static WebApplication MapDevTokens(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Identity:DevTokens")) return app;
        app.MapPost("/api/dev/tokens", Results<Ok<TokenResponse>, ProblemHttpResult> (TokenRequest request, TimeProvider clock, ProviderKeys keys, IdentitySettings settings) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"role must be one of: {string.Join(", ", Roles.All)}."];
                if (string.IsNullOrWhiteSpace(request.Sub)) errors["sub"] = ["sub is required."];
                if (request.Role == Roles.Committee && (request.Region is null || Gazetteer.Default.Find(request.Region) is not { Level: PartyLevels.Region }))
                    errors["region"] = ["a committee token needs the ISO 3166-2 code of a first-level region, e.g. BY-VI."];
                if (errors.Count > 0) return DomainError.Invalid(errors).ToProblem();

                var now = clock.GetUtcNow();
                var expires = now.Add(settings.MaxTokenLifetime);
                var claims = new Dictionary<string, object> { ["sub"] = request.Sub!, ["role"] = request.Role! };
                if (request.Role == Roles.Committee) claims["region"] = request.Region!.ToUpperInvariant();
                var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
                {
                    Issuer = settings.IssuerUri,
                    Audience = settings.Audience,
                    Claims = claims,
                    IssuedAt = now.UtcDateTime,
                    NotBefore = now.UtcDateTime,
                    Expires = expires.UtcDateTime,
                    SigningCredentials = new SigningCredentials(keys.SigningKeys[0], SecurityAlgorithms.RsaSha256),
                });
                return TypedResults.Ok(new TokenResponse(token, expires));
            })
            .AllowAnonymous()
            // A local run's convenience, off in a deployment: not part of the API's document.
            .ExcludeFromDescription();
        return app;
    }
}
