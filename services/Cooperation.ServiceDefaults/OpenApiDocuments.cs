using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Cooperation.Vocabulary;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Cooperation.ServiceDefaults;

/// <summary>
/// What every host's OpenAPI document says beyond what ASP.NET Core infers, so that it tells what the server does: a property
/// is required only when it is not nullable, a partial date is a string with its pattern, a closed vocabulary
/// (<see cref="OneOfAttribute"/>) is an enum, every operation lists the problems it can answer, carries the bearer scheme when
/// it needs a token, an operation id prefixed by its service and an example of its request body (RequestExamples.json).
/// </summary>
public static class OpenApiDocuments
{
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "ProblemDetails";
    public const string PartialDatePattern = @"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
    public const string NdJson = "application/x-ndjson";

    private static readonly JsonObject Examples = (JsonObject)JsonNode.Parse(
        typeof(OpenApiDocuments).Assembly.GetManifestResourceStream("Cooperation.ServiceDefaults.RequestExamples.json")!)!;

    public static void Configure(OpenApiOptions options, string service)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            Describe(schema, context.JsonTypeInfo, context.JsonPropertyInfo?.AttributeProvider
                ?? (context.ParameterDescription?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) => await DescribeAsync(operation, context, service, ct));
        options.AddDocumentTransformer(async (document, context, ct) =>
        {
            document.Info.Title = $"Cooperation: {Capitalised(service)}";
            document.Info.Description ??= $"The {service} service's part of the Cooperation API, served through the gateway under /api/.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the OpenID Connect provider (RS256, keys at its JWKS; discovery at "
                    + "/.well-known/openid-configuration) carrying sub, role and, for committees, region.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            if (!document.Components.Schemas.ContainsKey(ProblemSchema))
                document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        });
    }

    /// <summary>
    /// Describes a schema and, through it, the schemas of its properties and items: ASP.NET Core hands some of them (a type
    /// first met as a nullable property, or as the item of such a type's list) to no transformer of their own.
    /// </summary>
    private static void Describe(OpenApiSchema schema, JsonTypeInfo type, ICustomAttributeProvider? attributes, HashSet<OpenApiSchema>? seen = null)
    {
        seen ??= new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        if (!seen.Add(schema)) return;
        // A nullable reference property is oneOf null or the type's own schema, which is what the rest applies to.
        if (schema.Properties is null && schema.OneOf is { } alternatives)
            foreach (var inner in alternatives.OfType<OpenApiSchema>().Where(a => a.Type != JsonSchemaType.Null)) Describe(inner, type, null, seen);
        if (type.Kind == JsonTypeInfoKind.Enumerable && type.ElementType is { } element && schema.Items is OpenApiSchema items)
            Describe(items, type.Options.GetTypeInfo(element), null, seen);

        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        if (clr == typeof(PartialDate) && schema.OneOf is null)
        {
            // The component is the date itself; a property that may be null says so around its reference.
            schema.Type = JsonSchemaType.String;
            schema.Pattern = PartialDatePattern;
            schema.Description = "A date known to the year, the month or the day: 2004, 2007-11, 2002-07-31.";
        }
        if (clr == typeof(string) && attributes?.IsDefined(typeof(PartialDateTextAttribute), true) == true)
        {
            schema.Pattern = PartialDatePattern;
            schema.Description ??= "A date known to the year, the month or the day: 2004, 2007-11, 2002-07-31.";
        }
        if (attributes?.GetCustomAttributes(typeof(OneOfAttribute), true) is [OneOfAttribute oneOf, ..])
        {
            var target = schema.Items as OpenApiSchema ?? schema;
            target.Enum = [.. oneOf.Names.Select(n => (JsonNode)n)];
            if (target.Type?.HasFlag(JsonSchemaType.Null) == true) target.Enum.Add(null!);
        }
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 }) return;

        foreach (var property in type.Properties)
            if (schema.Properties.TryGetValue(property.Name, out var value) && value is OpenApiSchema own)
                Describe(own, type.Options.GetTypeInfo(property.PropertyType), property.AttributeProvider, seen);
        // Required: what the server cannot do without. A nullable property (a reference type marked ?, a Nullable<T>) may be
        // left out of a request and may be null in an answer; any other is always there.
        var required = type.Properties
            .Where(p => p.IsRequired || (!p.IsGetNullable && !p.IsSetNullable && Nullable.GetUnderlyingType(p.PropertyType) is null
                && p.AssociatedParameter is not { HasDefaultValue: true } && p.ShouldSerialize is null))
            .Select(p => p.Name).Where(schema.Properties.ContainsKey).ToHashSet();
        schema.Required = required.Count > 0 ? required : null;
        // A nullable property computed by a getter is not seen as nullable by the generator (it looks at setters).
        foreach (var property in type.Properties.Where(p => p.IsGetNullable))
            if (schema.Properties.TryGetValue(property.Name, out var value) && !AllowsNull(value))
                schema.Properties[property.Name] = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, value] };
    }

    private static bool AllowsNull(IOpenApiSchema schema) =>
        schema.Type?.HasFlag(JsonSchemaType.Null) == true || schema.OneOf?.Any(AllowsNull) == true || schema.AnyOf?.Any(AllowsNull) == true
        || (schema.Type is null && schema.Enum is null && schema.OneOf is null && schema.AnyOf is null && schema is not OpenApiSchemaReference && schema.Properties is null);

    private static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, string service, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName
            ?? $"{description.HttpMethod}{description.RelativePath}";
        // Every service maps the audit routes under names of its own; the prefix names the service once.
        var bare = name.StartsWith($"{service}-", StringComparison.Ordinal) ? name[(service.Length + 1)..] : name;
        operation.OperationId = $"{service}_{new string(bare.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()).Trim('_')}";
        operation.Description ??= operation.Summary;

        var problems = new SortedSet<int> { StatusCodes.Status503ServiceUnavailable, StatusCodes.Status429TooManyRequests };
        var authorize = metadata.OfType<IAuthorizeData>().ToArray();
        if (authorize.Length > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            problems.Add(StatusCodes.Status401Unauthorized);
            // Every role reads; any other policy leaves some role out.
            if (authorize.Any(a => a.Policy is not null && a.Policy != Policies.Read || a.Roles is not null)) problems.Add(StatusCodes.Status403Forbidden);
        }
        if (metadata.OfType<WriteParameters>().Any())
        {
            operation.Parameters ??= [];
            foreach (var parameter in WriteParameters.All()) operation.Parameters.Add(parameter);
            problems.Add(StatusCodes.Status422UnprocessableEntity);
        }
        var parameters = description.ParameterDescriptions;
        if (parameters.Any(p => p.Source == BindingSource.Path)) problems.Add(StatusCodes.Status404NotFound);
        if (parameters.Any(p => p.Source == BindingSource.Query)) problems.Add(StatusCodes.Status422UnprocessableEntity);
        var body = parameters.FirstOrDefault(p => p.Source == BindingSource.Body);
        if (body is not null)
        {
            problems.UnionWith([StatusCodes.Status400BadRequest, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity]);
            if (Examples[body.Type.Name] is { } example && operation.RequestBody?.Content is { } content)
                foreach (var media in content.Values) media.Example = example.DeepClone();
        }
        if (metadata.OfType<NdJsonLines>().FirstOrDefault() is { } lines && operation.Responses?["200"] is OpenApiResponse ok)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content[NdJson] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(lines.Line, null, ct) };
            ok.Description = $"{ok.Description}. As application/x-ndjson (Accept: application/x-ndjson), one JSON object a line.";
        }

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in problems)
        {
            var key = $"{status}";
            if (operation.Responses.ContainsKey(key)) continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                },
            };
        }
    }

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}

/// <summary>Says that an endpoint is a write: it takes ?validateOnly=true, Idempotency-Key and If-Match (services/README.md).</summary>
public sealed class WriteParameters
{
    public static readonly WriteParameters Instance = new();

    private WriteParameters() { }

    internal static IEnumerable<OpenApiParameter> All() =>
    [
        new()
        {
            Name = "validateOnly", In = ParameterLocation.Query, Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean },
            Description = "true: validate and decide the write, answer 202 with the events it would append, store nothing.",
        },
        new()
        {
            Name = "Idempotency-Key", In = ParameterLocation.Header, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = "A retry with the same key (by the same caller) answers the first answer without appending again.",
        },
        new()
        {
            Name = "If-Match", In = ParameterLocation.Header, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = "The record's version as its ETag gave it (\"3\"): the write is made only if the record is still at it, else 412.",
        },
    ];
}

/// <summary>Says that an endpoint also answers application/x-ndjson (on Accept), one <see cref="Line"/> a line.</summary>
public sealed record NdJsonLines(Type Line);
