using System.Security.Claims;
using Cooperation.Identity.Store;
using Cooperation.Identity.Tokens;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static Cooperation.Identity.SignIn.Pages;

namespace Cooperation.Identity.SignIn;

/// <summary>
/// Signing in at the provider: the sign-in page (a session cookie of the provider's own once the password is right), the
/// authorization endpoint of the code flow, the page where a device's code is approved, and sign-out. A wrong password
/// counts towards the lockout (Identity:Lockout); every sign-in, refusal and lockout is logged with the account, never
/// the password. In a local run (Identity:DevTokens) the page offers to sign in as the demo analyst in one click.
/// </summary>
public static class SignInEndpoints
{
    public const string Session = "Cooperation.Identity.Session";
    private const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static WebApplication MapSignIn(this WebApplication app)
    {
        var devMode = app.Configuration.GetValue<bool>("Identity:DevTokens");
        var connect = app.MapGroup("/connect").AllowAnonymous().ExcludeFromDescription();

        connect.MapGet("/signin", (HttpContext http, IAntiforgery antiforgery) =>
            Form(http, antiforgery, devMode, Local(http.Request.Query["returnUrl"]), error: null));

        connect.MapPost("/signin", async (HttpContext http, IAntiforgery antiforgery, UserManager<Account> accounts, ILoggerFactory logs) =>
        {
            var form = await http.Request.ReadFormAsync();
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired", detail: "Open the sign-in page again.");
            var logger = logs.CreateLogger("Cooperation.Identity.SignIn");
            var returnUrl = Local(form["returnUrl"]);
            var demo = devMode && form.ContainsKey("demo");
            var name = demo ? Accounts.LocalAccounts.Analyst : form["userName"].ToString().Trim();
            var account = name.Length > 0 ? await accounts.FindByNameAsync(name) : null;
            if (account is null)
            {
                logger.LogWarning("Sign-in refused for {Account}: no such account", name);
                return Form(http, antiforgery, devMode, returnUrl, "wrong");
            }
            if (await accounts.IsLockedOutAsync(account))
            {
                logger.LogWarning("Sign-in refused for {Account}: locked out until {Until}", name, account.LockoutEnd);
                return Form(http, antiforgery, devMode, returnUrl, "locked");
            }
            if (!demo && !await accounts.CheckPasswordAsync(account, form["password"].ToString()))
            {
                await accounts.AccessFailedAsync(account);
                if (await accounts.IsLockedOutAsync(account))
                {
                    logger.LogWarning("Account {Account} locked out after {Attempts} failed sign-ins, until {Until}", name, accounts.Options.Lockout.MaxFailedAccessAttempts, account.LockoutEnd);
                    return Form(http, antiforgery, devMode, returnUrl, "locked");
                }
                logger.LogWarning("Sign-in refused for {Account}: wrong password", name);
                return Form(http, antiforgery, devMode, returnUrl, "wrong");
            }
            if (account.Disabled)
            {
                logger.LogWarning("Sign-in refused for {Account}: the account is disabled", name);
                return Form(http, antiforgery, devMode, returnUrl, "disabled");
            }
            await accounts.ResetAccessFailedCountAsync(account);
            await http.SignInAsync(Session, new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", account.UserName!)], Session, "sub", "role")));
            logger.LogInformation("Account {Account} signed in{Demo}", name, demo ? " (the local run's one-click demo sign-in)" : "");
            return Results.Redirect(returnUrl);
        });

        // The code flow: a signed-in account is given a code for the client; anyone else goes to the sign-in page first.
        connect.MapMethods("/authorize", ["GET", "POST"], async (HttpContext http, UserManager<Account> accounts, IdentitySettings settings) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be read.");
            if (await SignedInAsync(http, accounts) is not { } account)
                return Results.Redirect($"/connect/signin?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
            return TokenEndpoint.SignIn(Identities.Of(account), request.GetScopes(), settings);
        });

        // The device flow: the command line shows a code; here a signed-in account approves it.
        connect.MapGet("/verify", async (HttpContext http, IAntiforgery antiforgery, UserManager<Account> accounts) =>
        {
            var language = Language(http.Request);
            if (http.Request.Query.ContainsKey("done")) return Html(language, $"<p>{E(Text(language, "done"))}</p>");
            if (await SignedInAsync(http, accounts) is not { } account)
                return Results.Redirect($"/connect/signin?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
            var code = http.Request.Query["user_code"].ToString();
            var known = code.Length > 0 && (await http.AuthenticateAsync(Server)).Principal is not null;
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Html(language, $"""
                <h1>{E(Text(language, "device"))}</h1>
                {(code.Length > 0 && !known ? $"<p class=\"error\">{E(Text(language, "badCode"))}</p>" : "")}
                <form method="post" action="/connect/verify">
                <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}"><input type="hidden" name="lang" value="{language}">
                <p>{E(string.Format(Text(language, "approveText"), account.DisplayName))}</p>
                <label for="user_code">{E(Text(language, "code"))}</label><input id="user_code" name="user_code" value="{E(code)}" autocomplete="off" required>
                <button type="submit">{E(Text(language, "approve"))}</button></form>
                """);
        });

        connect.MapPost("/verify", async (HttpContext http, IAntiforgery antiforgery, UserManager<Account> accounts, IdentitySettings settings, ILoggerFactory logs) =>
        {
            await http.Request.ReadFormAsync();
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired", detail: "Open the page again.");
            if (await SignedInAsync(http, accounts) is not { } account) return Results.Redirect("/connect/verify");
            var result = await http.AuthenticateAsync(Server);
            if (result.Principal is null)
            {
                var language = Language(http.Request);
                return Html(language, $"<p class=\"error\">{E(Text(language, "badCode"))}</p><p><a href=\"/connect/verify?lang={language}\">{E(Text(language, "device"))}</a></p>", StatusCodes.Status400BadRequest);
            }
            logs.CreateLogger("Cooperation.Identity.SignIn").LogInformation("Account {Account} approved a device sign-in", account.UserName);
            var identity = Identities.Of(account);
            identity.SetScopes(result.Principal.GetScopes()).SetResources(settings.Audience);
            identity.SetDestinations(static _ => [OpenIddict.Abstractions.OpenIddictConstants.Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), new AuthenticationProperties { RedirectUri = $"/connect/verify?done=1&lang={Language(http.Request)}" }, Server);
        });

        connect.MapMethods("/endsession", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(Session);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/connect/signin?signedOut=1" }, [Server]);
        });
        return app;
    }

    /// <summary>The account of the provider's session cookie, while it exists and is not disabled or locked out.</summary>
    private static async Task<Account?> SignedInAsync(HttpContext http, UserManager<Account> accounts)
    {
        var session = await http.AuthenticateAsync(Session);
        if (session.Principal?.FindFirst("sub")?.Value is not { } name || await accounts.FindByNameAsync(name) is not { Disabled: false } account) return null;
        return await accounts.IsLockedOutAsync(account) ? null : account;
    }

    /// <summary>Only a path of this site: never another site's address.</summary>
    private static string Local(string? url) => url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/connect/verify";

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, bool devMode, string returnUrl, string? error)
    {
        var language = Language(http.Request);
        var other = Text(language, "otherLang");
        var tokens = antiforgery.GetAndStoreTokens(http);
        var hidden = $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}"><input type="hidden" name="returnUrl" value="{E(returnUrl)}"><input type="hidden" name="lang" value="{language}">""";
        return Html(language, $"""
            <nav><a href="/connect/signin?lang={other}&amp;returnUrl={E(Uri.EscapeDataString(returnUrl))}">{E(Text(language, "other"))}</a></nav>
            <h1>{E(Text(language, "title"))}</h1>
            {(http.Request.Query.ContainsKey("signedOut") ? $"<p>{E(Text(language, "signedOut"))}</p>" : "")}
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{E(Text(language, error))}</p>")}
            <form method="post" action="/connect/signin">{hidden}
            <label for="userName">{E(Text(language, "userName"))}</label><input id="userName" name="userName" autocomplete="username" required>
            <label for="password">{E(Text(language, "password"))}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">{E(Text(language, "signIn"))}</button></form>
            {(devMode ? $"""<form method="post" action="/connect/signin">{hidden}<input type="hidden" name="demo" value="1"><button type="submit" id="demo">{E(Text(language, "demo"))}</button></form>""" : "")}
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }
}
