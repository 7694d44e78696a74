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

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Tokens as the gateway and every service accept them, the same in each: signed with the shared key by HS256 and no other
    /// algorithm, for this issuer and audience, with an expiry no further than Identity:MaxTokenLifetime (12 hours unless set)
    /// from now, one subject (<c>sub</c>) and exactly one <c>role</c>. Anything else is answered 401.
    /// </summary>
    internal static void AddIdentity(this IHostApplicationBuilder builder)
    {
        var key = SigningKey(builder.Configuration);
        var maxLifetime = MaxTokenLifetime(builder.Configuration);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireExpirationTime = true,
                LifetimeValidator = (notBefore, expires, _, _) => WithinLifetime(notBefore, expires, DateTime.UtcNow, maxLifetime),
                NameClaimType = "sub",
                RoleClaimType = "role",
                ClockSkew = ClockSkew,
            };
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var principal = context.Principal!;
                    if (principal.FindAll("sub").Count() != 1 || string.IsNullOrWhiteSpace(principal.FindFirst("sub")?.Value))
                        context.Fail("The token must name one subject (sub).");
                    else if (principal.FindAll("role").Count() != 1)
                        context.Fail("The token must carry exactly one role.");
                    return Task.CompletedTask;
                },
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

    /// <summary>Valid now, give or take the clock skew, and for no longer than the longest lifetime a token may have.</summary>
    private static bool WithinLifetime(DateTime? notBefore, DateTime? expires, DateTime now, TimeSpan maxLifetime) =>
        expires is { } end && end > now - ClockSkew && end <= now + maxLifetime + ClockSkew && (notBefore is null || notBefore <= now + ClockSkew);

    private static TimeSpan MaxTokenLifetime(IConfiguration configuration)
    {
        var lifetime = configuration.GetValue("Identity:MaxTokenLifetime", TimeSpan.FromHours(12));
        return lifetime > TimeSpan.Zero ? lifetime : throw new InvalidOperationException("Identity:MaxTokenLifetime must be a positive time span, e.g. 12:00:00.");
    }

    private static SymmetricSecurityKey SigningKey(IConfiguration configuration)
    {
        var secret = configuration["Identity:SigningKey"];
        if (string.IsNullOrWhiteSpace(secret) || Encoding.UTF8.GetByteCount(secret) < 32)
            throw new InvalidOperationException("Identity:SigningKey must be set to a secret of at least 32 bytes.");
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    }

    public sealed record TokenRequest([property: OneOf(typeof(Roles), nameof(Roles.All))] string? Role, string? Region, string? Sub);

    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    /// <summary>Mints tokens for a local run; mapped only when Identity:DevTokens is true.</summary>
    public static WebApplication MapDevTokens(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Identity:DevTokens")) return app;
        var key = SigningKey(app.Configuration);
        var lifetime = MaxTokenLifetime(app.Configuration);
        app.MapPost("/api/dev/tokens", Results<Ok<TokenResponse>, ProblemHttpResult> (TokenRequest request, TimeProvider clock) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"role must be one of: {string.Join(", ", Roles.All)}."];
                if (string.IsNullOrWhiteSpace(request.Sub)) errors["sub"] = ["sub is required."];
                if (request.Role == Roles.Committee && (request.Region is null || Gazetteer.Default.Find(request.Region) is not { Level: PartyLevels.Region }))
                    errors["region"] = ["a committee token needs the ISO 3166-2 code of a first-level region, e.g. BY-VI."];
                if (errors.Count > 0) return DomainError.Invalid(errors).ToProblem();

                var expires = clock.GetUtcNow().Add(lifetime);
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
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity)
            .WithName("MintDevToken")
            .WithSummary("Mints a bearer token for a local run")
            .WithTags("Identity");
        return app;
    }
}
