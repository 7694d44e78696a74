using Cooperation.Vocabulary;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using System.Security.Claims;

namespace Cooperation.ServiceDefaults;

public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Audit = "audit";
    public const string Replay = "replay";
    public const string Admin = "admin";
}

/// <summary>
/// Who issues the tokens the system accepts, all in the <c>Identity</c> section: the OpenID Connect provider's issuer (the
/// system's own, services/Identity, at the gateway's public address, or another provider such as Keycloak), where its
/// discovery document is read when that is not under the issuer (the provider's own address on loopback), the audience
/// tokens must name, and the names of the claims that carry the role and a committee's region.
/// </summary>
public sealed class IdentitySettings
{
    public string? Issuer { get; init; }
    public string? MetadataAddress { get; init; }
    public string Audience { get; init; } = "cooperation";
    public string RoleClaim { get; init; } = "role";
    public string RegionClaim { get; init; } = "region";
    /// <summary>The public client the pages sign in with (the authorization code flow with PKCE), registered at the provider.</summary>
    public string PageClient { get; init; } = "dashboard";
    /// <summary>Discovery over plain HTTP: allowed on loopback addresses always, elsewhere only when this is false.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;
    /// <summary>The longest a token may live, from now; 15 minutes unless set.</summary>
    public TimeSpan MaxTokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    public static IdentitySettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Identity").Get<IdentitySettings>() ?? new IdentitySettings();
        if (!Uri.TryCreate(settings.Issuer, UriKind.Absolute, out _))
            throw new InvalidOperationException("Identity:Issuer must be set to the OpenID Connect provider's issuer, e.g. http://127.0.0.1:8080/.");
        if (settings.MaxTokenLifetime <= TimeSpan.Zero)
            throw new InvalidOperationException("Identity:MaxTokenLifetime must be a positive time span, e.g. 00:15:00.");
        return settings;
    }

    /// <summary>The issuer as tokens carry it: an absolute URI, with the trailing slash of a bare host.</summary>
    public string IssuerUri => new Uri(Issuer!).AbsoluteUri;

    public string Metadata => MetadataAddress is { Length: > 0 } address ? address : IssuerUri.TrimEnd('/') + "/.well-known/openid-configuration";
}

public static class IdentityExtensions
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The algorithms a token may be signed with: RSA and ECDSA keys of the provider, never a shared secret.</summary>
    public static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>
    /// Tokens as the gateway and every service accept them, the same in each: issued by the configured provider and signed
    /// with a key of its JWKS (found through its discovery document) by an RSA or ECDSA algorithm, for the configured
    /// audience, with an expiry no further than Identity:MaxTokenLifetime from now, one subject (<c>sub</c>) and exactly one
    /// role. The role and region are read from the claims the settings name and go on as <c>role</c> and <c>region</c>.
    /// Anything else is answered 401.
    /// </summary>
    internal static void AddIdentity(this IHostApplicationBuilder builder)
    {
        var settings = IdentitySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = settings.IssuerUri;
            options.MetadataAddress = settings.Metadata;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata && !new Uri(settings.Metadata).IsLoopback;
            options.Audience = settings.Audience;
            options.MapInboundClaims = false;
            // A key the provider has just started signing with is fetched at once, not at the next daily refresh.
            options.RefreshInterval = TimeSpan.FromSeconds(30);
            options.AutomaticRefreshInterval = TimeSpan.FromHours(1);
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.IssuerUri,
                ValidAudience = settings.Audience,
                ValidAlgorithms = Algorithms,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                LifetimeValidator = (notBefore, expires, _, _) => WithinLifetime(notBefore, expires, DateTime.UtcNow, settings.MaxTokenLifetime),
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
                    else if (principal.FindAll(settings.RoleClaim).Count() != 1)
                        context.Fail("The token must carry exactly one role.");
                    else if (principal.Identity is ClaimsIdentity identity)
                        Rename(identity, settings);
                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim("sub").Build())
            .AddPolicy(Policies.Read, p => p.RequireRole([.. Roles.All, Roles.Reader]))
            .AddPolicy(Policies.Write, p => p.RequireRole(Roles.Committee, Roles.Ministry, Roles.Admin))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Auditor, Roles.Ministry, Roles.Admin))
            .AddPolicy(Policies.Replay, p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
    }

    /// <summary>Another provider's role and region claims, under the names the services read.</summary>
    private static void Rename(ClaimsIdentity identity, IdentitySettings settings)
    {
        foreach (var (from, to) in new[] { (settings.RoleClaim, "role"), (settings.RegionClaim, "region") })
        {
            if (from == to) continue;
            foreach (var claim in identity.FindAll(to).ToList()) identity.RemoveClaim(claim);
            foreach (var claim in identity.FindAll(from).ToList()) identity.AddClaim(new Claim(to, claim.Value, claim.ValueType, claim.Issuer));
        }
    }

    /// <summary>Valid now, give or take the clock skew, and for no longer than the longest lifetime a token may have.</summary>
    private static bool WithinLifetime(DateTime? notBefore, DateTime? expires, DateTime now, TimeSpan maxLifetime) =>
        expires is { } end && end > now - ClockSkew && end <= now + maxLifetime + ClockSkew && (notBefore is null || notBefore <= now + ClockSkew);
}
