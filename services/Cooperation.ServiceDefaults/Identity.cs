using System.Text;
using Cooperation.Vocabulary;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cooperation.ServiceDefaults;

public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Audit = "audit";
    public const string Replay = "replay";
    public const string Admin = "admin";
}

public static class IdentityExtensions
{
    private const string Issuer = "cooperation";
    private const string Audience = "cooperation";

    internal static void AddIdentity(this IHostApplicationBuilder builder)
    {
        var key = SigningKey(builder.Configuration);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                IssuerSigningKey = key,
                NameClaimType = "sub",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim("sub").Build())
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Write, p => p.RequireRole(Roles.Committee, Roles.Ministry, Roles.Admin))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Auditor, Roles.Ministry, Roles.Admin))
            .AddPolicy(Policies.Replay, p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
    }

    private static SymmetricSecurityKey SigningKey(IConfiguration configuration)
    {
        var secret = configuration["Identity:SigningKey"];
        if (string.IsNullOrWhiteSpace(secret) || Encoding.UTF8.GetByteCount(secret) < 32)
            throw new InvalidOperationException("Identity:SigningKey must be set to a secret of at least 32 bytes.");
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    }

    public sealed record TokenRequest(string? Role, string? Region, string? Sub);

    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    /// <summary>Mints tokens for a local run; mapped only when Identity:DevTokens is true.</summary>
    public static WebApplication MapDevTokens(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Identity:DevTokens")) return app;
        var key = SigningKey(app.Configuration);
        app.MapPost("/api/dev/tokens", Results<Ok<TokenResponse>, ProblemHttpResult> (TokenRequest request, TimeProvider clock) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"role must be one of: {string.Join(", ", Roles.All)}."];
                if (string.IsNullOrWhiteSpace(request.Sub)) errors["sub"] = ["sub is required."];
                if (request.Role == Roles.Committee && (request.Region is null || Gazetteer.Default.Find(request.Region) is not { Level: PartyLevels.Region }))
                    errors["region"] = ["a committee token needs the ISO 3166-2 code of a first-level region, e.g. BY-VI."];
                if (errors.Count > 0) return DomainError.Invalid(errors).ToProblem();

                var expires = clock.GetUtcNow().AddHours(12);
                var claims = new Dictionary<string, object> { ["sub"] = request.Sub!, ["role"] = request.Role! };
                if (request.Role == Roles.Committee) claims["region"] = request.Region!.ToUpperInvariant();
                var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
                {
                    Issuer = Issuer,
                    Audience = Audience,
                    Claims = claims,
                    Expires = expires.UtcDateTime,
                    SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
                });
                return TypedResults.Ok(new TokenResponse(token, expires));
            })
            .AllowAnonymous()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .WithName("MintDevToken")
            .WithSummary("Mints a bearer token for a local run")
            .WithTags("Identity");
        return app;
    }
}
