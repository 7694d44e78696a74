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
        var expected = IfMatchVersion(http.Request.Headers.IfMatch.ToString());
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200) throw new BadHttpRequestException("Idempotency-Key must be at most 200 characters.", StatusCodes.Status400BadRequest);
        var correlation = http.Request.Headers["X-Correlation-Id"].ToString();  // its length is checked for every request (RequestChecks)
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

    /// <summary>
    /// The version an <c>If-Match</c> header names: one strong entity tag as the ETag gives it, <c>"3"</c>. A bare <c>3</c> is no
    /// entity tag, and a weak one (<c>W/"3"</c>) can never match, as If-Match compares strongly: both are refused rather than
    /// read as something the client did not write.
    /// </summary>
    private static long? IfMatchVersion(string ifMatch)
    {
        if (ifMatch.Length == 0) return null;
        var tag = ifMatch.Trim();
        if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"' || !long.TryParse(tag[1..^1], System.Globalization.NumberStyles.None, null, out var version))
            throw new BadHttpRequestException($"If-Match must be the record's ETag, one version in quotes like \"3\", not {ifMatch}.", StatusCodes.Status400BadRequest);
        return version;
    }}
