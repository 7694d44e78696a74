using Cooperation.Identity.Accounts;
using Cooperation.Identity.Administration;
using Cooperation.Identity.Clients;
using Cooperation.Identity.SignIn;
using Cooperation.Identity.DevTokens;
using Cooperation.Identity.Keys;
using Cooperation.Identity.Store;
using Cooperation.Identity.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Cooperation.Identity;

/// <summary>
/// The system's OpenID Connect provider: OpenIddict's server on ASP.NET Core Identity's accounts, both stored by EF Core in
/// the schema of its own role. Its issuer is the gateway's public address (Identity:Issuer), under which the discovery
/// document, the JWKS and the /connect/* endpoints answer.
/// </summary>
public static class ProviderModule
{
    public static IHostApplicationBuilder AddProvider(this IHostApplicationBuilder builder)
    {
        var settings = IdentitySettings.From(builder.Configuration);
        var postgres = builder.Configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");
        builder.Services.AddDbContext<IdentityStore>(options =>
        {
            options.UseNpgsql(postgres, npgsql => npgsql.ExecutionStrategy(dependencies => new ReconnectingStrategy(dependencies)));
            options.UseOpenIddict();
        });
        builder.Services.AddHealthChecks().AddNpgSql(postgres, name: "postgres", tags: ["ready"]);
        builder.Services.AddIdentityCore<Account>(options =>
            {
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Identity:Lockout:MaxFailedAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = builder.Configuration.GetValue("Identity:Lockout:Duration", TimeSpan.FromMinutes(15));
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<IdentityStore>();
        builder.Services.AddDataProtection().SetApplicationName("Cooperation.Identity").PersistKeysToDbContext<IdentityStore>();
        builder.Services.AddAntiforgery(options => options.Cookie.Path = "/connect");
        builder.Services.AddAuthentication().AddCookie(SignInEndpoints.Session, options =>
        {
            options.Cookie.Path = "/connect";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
        });

        builder.Services.AddSingleton<ProviderKeys>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ProviderKeys.ServerOptions>();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityStore>())
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(settings.IssuerUri));
                server.SetTokenEndpointUris("connect/token").SetAuthorizationEndpointUris("connect/authorize")
                    .SetDeviceAuthorizationEndpointUris("connect/device").SetEndUserVerificationEndpointUris("connect/verify")
                    .SetEndSessionEndpointUris("connect/endsession");
                server.AllowClientCredentialsFlow().AllowRefreshTokenFlow().AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowDeviceAuthorizationFlow();
                server.RegisterScopes(Scopes.OfflineAccess, ReadOnlyClients.Scope);
                server.SetAccessTokenLifetime(settings.MaxTokenLifetime);
                // Access tokens are JWTs any service can read; codes and refresh tokens stay encrypted, for the provider only.
                server.DisableAccessTokenEncryption();
                // The gateway terminates TLS in front of it.
                server.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
                // Requests reach it through the gateway, whatever address it listens on: its endpoints are named, and matched,
                // under the issuer.
                server.AddEventHandler<OpenIddictServerEvents.ProcessRequestContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        var issuer = new Uri(settings.IssuerUri);
                        context.BaseUri = issuer;
                        context.RequestUri = new Uri(issuer, context.RequestUri!.PathAndQuery.TrimStart('/'));
                        return default;
                    })
                    .SetOrder(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1)
                    .SetType(OpenIddictServerHandlerType.Custom));
            });
        return builder;
    }

    /// <summary>Creates the store on first start, the keys that are due, and the configured clients.</summary>
    public static Task PrepareProviderAsync(this WebApplication app) => app.Services.PrepareAsync(async services =>
    {
        var store = services.GetRequiredService<IdentityStore>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Cooperation.Identity");
        await app.Services.GetRequiredService<ProviderKeys>().LoadAsync(store, TimeProvider.System.GetUtcNow(), ProviderKeys.Rotation(app.Configuration), logger);
        await ReadOnlyClients.RegisterAsync(services, app.Configuration);
        await PublicClients.RegisterAsync(services, services.GetRequiredService<IdentitySettings>());
        await LocalAccounts.CreateAsync(services, app.Configuration, logger);
    });

    public static WebApplication MapProvider(this WebApplication app)
    {
        app.MapDevTokens();
        app.MapTokenEndpoint();
        app.MapSignIn();
        app.MapAdministration();
        return app;
    }
}
