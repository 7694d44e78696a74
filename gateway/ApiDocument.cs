using System.Text.Json;
using System.Text.Json.Nodes;
using Cooperation.ServiceDefaults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Configuration;

namespace Cooperation.Gateway;

/// <summary>
/// The whole API's OpenAPI document at the gateway (<c>/openapi/v1.json</c>): the gateway's own operations and every cluster's
/// <c>/api/</c> paths, merged from the documents the services publish (fetched once, when first asked for, and kept), served
/// with the gateway as its only server; and the interactive reference drawn from it at <c>/api/reference</c>.
/// </summary>
public static class ApiDocument
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(ApiDocument), c => c.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<MergedDocument>();
        // A service whose document cannot be fetched now makes the merged one 503 with Retry-After, not 500.
        builder.Services.AddDependency(new Dependency("services", e => e is HttpRequestException or TaskCanceledException));
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        // A literal route: it takes precedence over /openapi/{documentName}.json, which serves the gateway's own part.
        app.MapGet("/openapi/v1.json", async (HttpContext http, MergedDocument merged, CancellationToken ct) =>
            {
                var document = (await merged.GetAsync(ct)).DeepClone().AsObject();
                document["servers"] = new JsonArray(new JsonObject { ["url"] = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" });
                return Results.Text(document.ToJsonString(Json), "application/json; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        // A page, not an operation of the API: left out of the documents and of their checks (QueryParameters).
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Cooperation API")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

/// <summary>
/// The gateway's document and those of the clusters named in ApiDocument:Clusters, merged once and kept: the services'
/// documents change only with their code. A service that cannot be reached leaves nothing kept: the request is 503.
/// </summary>
public sealed class MergedDocument(IServiceProvider services, IProxyConfigProvider proxy, IHttpClientFactory clients, IConfiguration configuration)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private JsonObject? merged;

    public async Task<JsonObject> GetAsync(CancellationToken ct)
    {
        if (merged is { } done) return done;
        await gate.WaitAsync(ct);
        try
        {
            return merged ??= await MergeAsync(ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<JsonObject> MergeAsync(CancellationToken ct)
    {
        var own = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync(ct);
        var document = JsonNode.Parse(await own.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, ct))!.AsObject();
        document["info"] = new JsonObject
        {
            ["title"] = "Cooperation API",
            ["description"] = "The whole Cooperation API as the gateway serves it: every service's operations under /api/, with a bearer token "
                + "(POST /api/dev/tokens mints one in a local run). Problems are application/problem+json.",
            ["contact"] = new JsonObject { ["name"] = "Cooperation" },
            ["version"] = "v1",
        };
        var paths = document["paths"] as JsonObject ?? [];
        document["paths"] = paths;
        var components = document["components"] as JsonObject ?? [];
        document["components"] = components;
        var tags = document["tags"] as JsonArray ?? [];
        document["tags"] = tags;

        var client = clients.CreateClient(nameof(ApiDocument));
        // The clusters whose services publish a part of the API (ApiDocument:Clusters), in that order.
        var clusters = proxy.GetConfig().Clusters.ToDictionary(c => c.ClusterId);
        foreach (var id in configuration.GetSection("ApiDocument:Clusters").Get<string[]>() ?? [])
        {
            var cluster = clusters.GetValueOrDefault(id) ?? throw new InvalidOperationException($"ApiDocument:Clusters names {id}, which is no cluster of the gateway.");
            var address = cluster.Destinations?.Values.FirstOrDefault()?.Address
                ?? throw new InvalidOperationException($"The gateway's cluster {cluster.ClusterId} has no destination.");
            var text = await client.GetStringAsync(new Uri(new Uri(address), "/openapi/v1.json"), ct);
            var part = JsonNode.Parse(text)!.AsObject();
            // A component of the same name and another shape is renamed after its service, its references with it.
            var renamed = (part["components"] as JsonObject ?? []).SelectMany(k => (k.Value as JsonObject ?? [])
                    .Where(c => components[k.Key]?[c.Key] is { } existing && !JsonNode.DeepEquals(existing, c.Value))
                    .Select(c => (Kind: k.Key, Name: c.Key))).ToArray();
            foreach (var (kind, name) in renamed)
                text = text.Replace($"\"#/components/{kind}/{name}\"", $"\"#/components/{kind}/{Pascal(cluster.ClusterId)}{name}\"", StringComparison.Ordinal);
            part = JsonNode.Parse(text)!.AsObject();
            foreach (var (kind, name) in renamed)
            {
                var named = part["components"]![kind]!.AsObject();
                var value = named[name]!;
                named.Remove(name);
                named[$"{Pascal(cluster.ClusterId)}{name}"] = value;
            }
            foreach (var (path, item) in (part["paths"] as JsonObject ?? []).ToArray())
                if (path.StartsWith("/api/", StringComparison.Ordinal)) paths[path] = item!.DeepClone();
            foreach (var (kind, named) in (part["components"] as JsonObject ?? []).ToArray())
            {
                var target = components[kind] as JsonObject ?? [];
                components[kind] = target;
                foreach (var (name, value) in (named as JsonObject ?? []).ToArray()) target[name] ??= value!.DeepClone();
            }
            foreach (var tag in (part["tags"] as JsonArray ?? []).OfType<JsonObject>())
                if (!tags.Any(t => t?["name"]?.GetValue<string>() == tag["name"]?.GetValue<string>())) tags.Add(tag.DeepClone());
        }
        foreach (var tag in tags.OfType<JsonObject>()) tag["description"] ??= $"Operations on {tag["name"]}.";
        return document;
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
