using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Cooperation.ServiceDefaults;

/// <summary>
/// A query parameter an endpoint reads without a handler parameter of that name: one that a parameter's own binding reads
/// from the request (a write's <c>validateOnly</c>). Put on the endpoint by that parameter's type
/// (<see cref="IEndpointParameterMetadataProvider"/>), so that <see cref="QueryParameters"/> knows it.
/// </summary>
public sealed record QueryParameter(string Name);

/// <summary>
/// The query parameters each API endpoint takes: those its handler binds from the query, by name, and those declared with
/// <see cref="QueryParameter"/>. A parameter it does not take (a misspelt filter, <c>asOf</c> on a list that has none) would
/// otherwise be ignored and the answer mistaken for what was asked, so it is refused.
/// </summary>
public static class QueryParameters
{
    private static readonly ConcurrentDictionary<Endpoint, IReadOnlySet<string>?> Known = new();

    /// <summary>The first query parameter of the request that its endpoint does not take, with the ones it does; null when there is none.</summary>
    internal static DomainError? Unknown(HttpContext http)
    {
        if (http.Request.Query.Count == 0 || !http.Request.Path.StartsWithSegments("/api") || http.GetEndpoint() is not { } endpoint
            || Known.GetOrAdd(endpoint, Of) is not { } known)
            return null;
        foreach (var name in http.Request.Query.Keys)
        {
            if (known.Contains(name)) continue;
            return DomainError.Invalid(name, known.Count == 0
                ? $"'{name}' is not a parameter of this operation, which takes none."
                : $"'{name}' is not a parameter of this operation; it takes {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }
        return null;
    }

    /// <summary>
    /// The names an endpoint's handler reads from the query; null for an endpoint that is no operation of the API: a proxied
    /// route, or one left out of the OpenAPI documents (a page such as the API's reference, the provider's sign-in).
    /// </summary>
    private static IReadOnlySet<string>? Of(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint route || endpoint.Metadata.GetMetadata<MethodInfo>() is null
            || endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            return null;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var declared in endpoint.Metadata.GetOrderedMetadata<QueryParameter>()) names.Add(declared.Name);
        foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
            if (QueryName(parameter, route) is { } name) names.Add(name);
        return names;
    }

    private static string? QueryName(IParameterBindingMetadata parameter, RouteEndpoint route)
    {
        var attributes = parameter.ParameterInfo.GetCustomAttributes(inherit: true);
        if (attributes.OfType<IFromQueryMetadata>().FirstOrDefault() is { } fromQuery) return fromQuery.Name ?? parameter.Name;
        if (parameter.HasBindAsync || attributes.Any(a => a is IFromRouteMetadata or IFromHeaderMetadata or IFromBodyMetadata or IFromFormMetadata or IFromServiceMetadata))
            return null;
        if (route.RoutePattern.GetParameter(parameter.Name) is not null) return null;
        var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
        return parameter.HasTryParse || type == typeof(string) || type == typeof(string[]) ? parameter.Name : null;
    }
}
