using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Cooperation.Dashboard.Page;

/// <summary>
/// The page at /dashboard: built from ClientApp/ into wwwroot/ beside the host. It is served to anyone, as the
/// gateway routes it; everything it shows comes from the API, which asks for a ministry or auditor token.
/// </summary>
public static class ServingThePage
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static WebApplication MapServingThePage(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.MapGet("/dashboard/{**path}", (string? path, HttpContext http) =>
            {
                var file = path is { Length: > 0 } ? files.GetFileInfo(path) : null;
                if (file is { Exists: true, IsDirectory: false, PhysicalPath: not null } && ContentTypes.TryGetContentType(file.Name, out var type))
                {
                    // Bundles carry a content hash in their names, so they never change under the same name.
                    if (path!.StartsWith("assets/", StringComparison.Ordinal))
                        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    return Results.File(file.PhysicalPath, type);
                }
                if (path?.StartsWith("assets/", StringComparison.Ordinal) == true) return Results.NotFound();
                var index = files.GetFileInfo("index.html");
                if (index.PhysicalPath is null || !index.Exists)
                    return Results.Problem(statusCode: 503, title: "The page is not built", detail: "Build services/Dashboard to build its page.");
                http.Response.Headers.CacheControl = "no-cache";
                return Results.File(index.PhysicalPath, "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
