using System.Diagnostics;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.EventSourcing;

/// <summary>Everything about a write that comes from the request rather than its body.</summary>
public sealed record WriteContext(Actor Actor, long? ExpectedVersion, string? IdempotencyKey, string Route, string? CorrelationId, DateTimeOffset Now,
    string? CausationId = null, bool ValidateOnly = false)
{
    public DateOnly Today => Now.Day();

    public static ValueTask<WriteContext?> BindAsync(HttpContext http)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        long? expected = null;
        if (ifMatch.Length > 0)
        {
            var tag = ifMatch.Trim();
            if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
            if (!long.TryParse(tag.Trim('"'), out var version) || version < 0)
                throw new BadHttpRequestException("If-Match must name a version, like \"3\".", StatusCodes.Status400BadRequest);
            expected = version;
        }
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200) throw new BadHttpRequestException("Idempotency-Key must be at most 200 characters.", StatusCodes.Status400BadRequest);
        var correlation = http.Request.Headers["X-Correlation-Id"].ToString();
        var limits = http.RequestServices.GetRequiredService<Limits>();
        if (correlation.Length > limits.CorrelationId)
            throw new BadHttpRequestException($"X-Correlation-Id must be at most {limits.CorrelationId} characters.", StatusCodes.Status400BadRequest);
        var validateOnly = http.Request.Query["validateOnly"].ToString();
        if (validateOnly.Length > 0 && !bool.TryParse(validateOnly, out _))
            throw new BadHttpRequestException("validateOnly must be true or false.", StatusCodes.Status400BadRequest);
        return ValueTask.FromResult<WriteContext?>(new WriteContext(
            Actor.From(http.User, http.RequestServices.GetRequiredService<ServedCountries>()),
            expected,
            key.Length > 0 ? key : null,
            $"{http.Request.Method} {http.Request.Path}",
            correlation.Length > 0 ? correlation : Activity.Current?.TraceId.ToString(),
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            ValidateOnly: validateOnly.Length > 0 && bool.Parse(validateOnly)));
    }
}
