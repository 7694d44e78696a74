using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Cooperation.Vocabulary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Cooperation.ServiceDefaults;

/// <summary>
/// What no request may carry, checked once for every endpoint of every host rather than by each: a body in an encoding
/// other than UTF-8 (415); an X-Correlation-Id longer than Limits:CorrelationId (400); text that is no text (invalid UTF-8, a
/// lone surrogate escape) or holds a NUL character, which PostgreSQL cannot store (422); the all-zero id, which names no
/// record (422); a query parameter the endpoint does not take (422, <see cref="QueryParameters"/>). Each is answered before the endpoint runs, so nothing of the request is stored.
/// </summary>
public static class RequestChecks
{
    private const string NulMessage = "The text contains a NUL character (\\u0000), which cannot be stored.";
    private const string ZeroId = "00000000-0000-0000-0000-000000000000";
    private const string NotText = "The text is not valid UTF-8 or holds an unpaired UTF-16 surrogate escape (such as \\ud800 alone), which is no character.";

    /// <summary>After authorization, so that a request without a valid token is still answered 401.</summary>
    internal static void UseRequestChecks(this WebApplication app) => app.Use(async (http, next) =>
    {
        if ((Refusal(http.Request) ?? await BodyRefusalAsync(http)) is { } refused)
        {
            await refused.ToProblem().ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    private static DomainError? Refusal(HttpRequest request)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset is { HasValue: true } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return DomainError.UnsupportedMediaType("Content-Type", $"Bodies are read as UTF-8 only, not as '{charset}'.");
        var limits = request.HttpContext.RequestServices.GetRequiredService<Limits>();
        if (request.Headers["X-Correlation-Id"].ToString().Length > limits.CorrelationId)
            return DomainError.BadRequest("X-Correlation-Id", $"X-Correlation-Id must be at most {limits.CorrelationId} characters.");
        foreach (var (name, values) in request.Query)
            if (values.Any(v => v?.Contains('\0') == true)) return DomainError.Invalid(name, NulMessage);
        return QueryParameters.Unknown(request.HttpContext);
    }

    /// <summary>
    /// Reads the JSON body of an endpoint that takes one (the gateway forwards bodies unread) and refuses the first string or
    /// property name that is not text, holds a NUL character or is the all-zero id, under its path as clients name fields: <c>parties[1].name</c>.
    /// A body that is not JSON at all is left to the endpoint, which says where it breaks.
    /// </summary>
    private static async Task<DomainError?> BodyRefusalAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is null || !http.Request.HasJsonContentType()) return null;
        http.Request.EnableBuffering();
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        http.Request.Body.Position = 0;
        try
        {
            return Scan(new ReadOnlySpan<byte>(body.GetBuffer(), 0, (int)body.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Level(bool array)
    {
        public bool Array { get; } = array;
        public int Index { get; set; } = -1;
        public string? Property { get; set; }
    }

    private static DomainError? Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true });
        var levels = new List<Level>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                // A name that is no text is refused under the object that holds it.
                levels[^1].Property = Text(ref reader);
                if (levels[^1].Property is null) return DomainError.Invalid(Path(levels), NotText);
                continue;
            }
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                levels.RemoveAt(levels.Count - 1);
                continue;
            }
            if (levels.Count > 0 && levels[^1].Array) levels[^1].Index++;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                levels.Add(new Level(reader.TokenType == JsonTokenType.StartArray));
            else if (reader.TokenType == JsonTokenType.String)
            {
                if (Text(ref reader) is not { } text) return DomainError.Invalid(Path(levels), NotText);
                if (text.Contains('\0')) return DomainError.Invalid(Path(levels), NulMessage);
                if (text == ZeroId) return DomainError.Invalid(Path(levels), "The all-zero id names no record.");
            }
        }
        return null;
    }

    /// <summary>The string or property name as text, or null when it is none: the serializer would throw on it, a 500.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Path(List<Level> levels)
    {
        var path = string.Concat(levels.Select(l => l.Array ? $"[{l.Index}]" : l.Property is null ? "" : $".{l.Property}")).TrimStart('.');
        return path.Length > 0 ? path : "body";
    }
}
