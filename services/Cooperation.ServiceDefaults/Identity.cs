using System.Security.Claims;
using System.Text;
using Cooperation.Contracts;
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

public static class Roles
{
    public const string Committee = "committee";
    public const string Ministry = "ministry";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Committee, Ministry, Auditor, Admin };
}

public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Audit = "audit";
    public const string Replay = "replay";
    public const string Admin = "admin";
    public const string Dashboard = "dashboard";
}

/// <summary>Who is acting: the claims of the bearer token.</summary>
public sealed record Actor(string Sub, string Role, string? Region)
{
    public static Actor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue("sub") ?? "", user.FindFirstValue("role") ?? "", user.FindFirstValue("region"));

    public ActorRef ToRef() => new(Sub, Role, Region);

    /// <summary>
    /// Committees write records with a party inside their territory, the ministry national-level records
    /// (a country among the parties), admins anything; auditors never write.
    /// </summary>
    public bool MayWrite(IEnumerable<Party> parties) => Role switch
    {
        Roles.Admin => true,
        Roles.Ministry => parties.Any(p => p.Level == PartyLevels.Country),
        Roles.Committee => Region is not null && parties.Any(p => string.Equals(p.Region, Region, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };
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
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            // The ministry's dashboard: the ministry and auditors read it, nobody else.
            .AddPolicy(Policies.Dashboard, p => p.RequireRole(Roles.Ministry, Roles.Auditor));
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
                var errors = new Validation();
                errors.Require(request.Role is not null && Roles.All.Contains(request.Role), "role", $"role must be one of: {string.Join(", ", Roles.All)}.");
                errors.Require(!string.IsNullOrWhiteSpace(request.Sub), "sub", "sub is required.");
                if (request.Role == Roles.Committee)
                    errors.Require(request.Region is not null && Gazetteer.Default.Find(request.Region) is { Level: PartyLevels.Region },
                        "region", "a committee token needs the ISO 3166-2 code of a first-level region, e.g. BY-VI.");
                if (errors.Failed(out var error)) return error.ToProblem();

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
            .WithName("MintDevToken")
            .WithSummary("Mints a bearer token for a local run")
            .WithTags("Identity");
        return app;
    }
}
