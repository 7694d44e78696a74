using Cooperation.Vocabulary;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cooperation.ServiceDefaults;

/// <summary>How every service's host starts: the service defaults and the service's own parts, then their endpoints.</summary>
public static class ServiceHost
{
    public static void Run(string[] args, Func<IHostApplicationBuilder, IHostApplicationBuilder> addService, Func<WebApplication, WebApplication> mapService)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        addService(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        mapService(app);
        app.Run();
    }
}

public static partial class Extensions
{
    /// <summary>Telemetry, health, problem details, identity and OpenAPI: the same in every host.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.AddIdentity();
        // What a request may carry and which regions have committees: the same rules in every service, given to what reads
        // a request (Validation, the write's context) and carried by the actor to the decisions, rather than read from statics.
        builder.Services.AddSingleton(builder.Configuration.GetSection("Limits").Get<Limits>() ?? new Limits());
        builder.Services.AddSingleton(new ServedCountries(
            builder.Configuration.GetSection("Territory:Countries").Get<string[]>() is { Length: > 0 } countries ? countries : ["BY", "RU"]));
        builder.Services.AddHealthChecks();
        // Every service names its operations after itself (Cooperation.Agreements: agreements_...).
        var service = builder.Environment.ApplicationName.Split('.')[^1].ToLowerInvariant();
        builder.Services.AddOpenApi(o => OpenApiDocuments.Configure(o, service));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.AllowTrailingCommas = true;
            // A number is a number ("12" is refused as the wrong type) and a key is given once (a second "title" is refused):
            // what a body says is what it means, and the OpenAPI document types numbers as numbers.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.AllowDuplicateProperties = false;
            // Statuses are enums in code and lower-case, kebab-case names on the wire.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(EnumNames.Policy));
        });
        // Malformed bodies reach the exception handler, which names the offending field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddExceptionHandler<UnavailableHandler>();
        return builder;
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(o => { o.IncludeFormattedMessage = true; o.IncludeScopes = true; });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource("Cooperation", "Marten", "Npgsql", "MassTransit", "Yarp.ReverseProxy"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Cooperation", "Marten", "Npgsql", "MassTransit"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestChecks();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync })
            .AllowAnonymous();
        return app;
    }

    /// <summary>This instance, as health and logs name it: set by the run command (Instance:Id), else host and process.</summary>
    public static string InstanceId(this IConfiguration configuration) =>
        configuration["Instance:Id"] is { Length: > 0 } id ? id : $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Readiness as JSON: the overall status, which instance answers, and each check with what it reports.</summary>
    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            instance = http.RequestServices.GetRequiredService<IConfiguration>().InstanceId(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }

    /// <summary>Turns unreadable requests into 400 problems that say what was wrong, and where.</summary>
    private sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad) return false;
            var (field, message) = Describe(bad);
            ProblemDetails problem = field is null
                ? new ProblemDetails { Detail = message }
                : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] }) { Detail = $"{field}: {message}" };
            problem.Status = bad.StatusCode;
            problem.Title = "The request could not be read";
            http.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
        }

        private static (string? Field, string Message) Describe(BadHttpRequestException bad)
        {
            if (bad.InnerException is JsonException json)
            {
                var path = json.Path?.TrimStart('$', '.') is { Length: > 0 } p ? p : "body";
                // The converter's own message names CLR types, which mean nothing to a client.
                return (path, json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "The value has the wrong type."
                    : json.Message.StartsWith("Duplicate property", StringComparison.Ordinal) ? "The property is given more than once."
                    : json.Message.Split(" Path:")[0]);
            }
            if (BindFailure().Match(bad.Message) is { Success: true } bind)
                return (bind.Groups["name"].Value, $"'{bind.Groups["value"].Value}' is not a valid value.");
            if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || bad.Message.StartsWith("Required parameter", StringComparison.Ordinal))
                return ("body", "A JSON body is required.");
            return (null, bad.Message);
        }

        [System.Text.RegularExpressions.GeneratedRegex("""Failed to bind parameter "(?:[^"]* )?(?<name>\w+)" from "(?<value>.*)"\.?""")]
        private static partial System.Text.RegularExpressions.Regex BindFailure();
    }
}
