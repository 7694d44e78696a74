using Cooperation.ServiceDefaults;
using Microsoft.Extensions.FileProviders;

namespace Cooperation.Dashboard.Page;

/// <summary>
/// The page at /dashboard: built from ClientApp/ into wwwroot/ beside the host and served by the static files
/// middleware, any other path under /dashboard that names no file falling back to index.html; and the committees'
/// workspace at /workspace, the same build's second page (workspace.html), every path under it falling back to that page. It is served to anyone,
/// as the gateway routes it; everything it shows comes from the API, which asks for a ministry or auditor token.
/// The page signs in with the authorization code flow and PKCE at the provider that /dashboard/signin.json names: the
/// configured issuer (Identity:Issuer) and the pages' public client (Identity:PageClient).
/// </summary>
public static class ServingThePage
{
    private const string Path = "/dashboard";
    private const string Workspace = "/workspace";

    public static WebApplication MapServingThePage(this WebApplication app)
    {
        var files = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            // Bundles carry a content hash in their names, so they never change under the same name.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = file.Context.Request.Path.StartsWithSegments($"{Path}/assets")
                ? "public, max-age=31536000, immutable"
                : "no-cache",
        });
        app.MapGet($"{Path}/signin.json", (HttpContext http, IdentitySettings identity) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Json(new { authority = identity.IssuerUri, clientId = identity.PageClient, scope = "openid offline_access" });
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapFallbackToFile($"{Path}/{{**path:nonfile}}", "index.html", new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        }).AllowAnonymous();
        app.MapFallbackToFile($"{Workspace}/{{**path:nonfile}}", "workspace.html", new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        }).AllowAnonymous();
        return app;
    }
}
