using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cooperation.ServiceDefaults;

public enum ErrorKind { Invalid, NotFound, Forbidden, Conflict, PreconditionFailed, UnsupportedMediaType, TooManyRequests, BadRequest }

/// <summary>Why a request cannot be carried out; the one place where outcomes become HTTP statuses.</summary>
public sealed record DomainError(ErrorKind Kind, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static DomainError BadRequest(string field, string message) => new(ErrorKind.BadRequest, message, new Dictionary<string, string[]> { [field] = [message] });
    public static DomainError Invalid(string field, string message) => new(ErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
    public static DomainError Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ErrorKind.Invalid, "The request has invalid fields.", errors);
    public static DomainError NotFound(string detail) => new(ErrorKind.NotFound, detail);
    public static DomainError Forbidden(string detail) => new(ErrorKind.Forbidden, detail);
    public static DomainError Conflict(string detail) => new(ErrorKind.Conflict, detail);
    public static DomainError PreconditionFailed(string detail) => new(ErrorKind.PreconditionFailed, detail);
    public static DomainError UnsupportedMediaType(string field, string message) =>
        new(ErrorKind.UnsupportedMediaType, message, new Dictionary<string, string[]> { [field] = [message] });
    public static DomainError TooManyRequests(string detail) => new(ErrorKind.TooManyRequests, detail);

    public ProblemHttpResult ToProblem()
    {
        var (status, title) = Kind switch
        {
            ErrorKind.BadRequest => (StatusCodes.Status400BadRequest, "The request could not be read"),
            ErrorKind.Invalid => (StatusCodes.Status422UnprocessableEntity, "The request is not valid"),
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            ErrorKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "The record has changed"),
            ErrorKind.UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, "The media type is not supported"),
            ErrorKind.TooManyRequests => (StatusCodes.Status429TooManyRequests, "Too many requests"),
            _ => (StatusCodes.Status500InternalServerError, "Error"),
        };
        ProblemDetails problem = Errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(Errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Status = status;
        problem.Title = title;
        problem.Detail = Detail;
        return TypedResults.Problem(problem);
    }
}

public static class Problems
{
    /// <summary>What a write can answer besides its record: an unreadable body, no token, another's territory, no such record,
    /// a conflicting state, a stale If-Match, a body not in UTF-8 JSON, invalid fields, the database out of reach (503 with Retry-After).</summary>
    private static readonly int[] WriteStatuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
        StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status415UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable,
    ];

    /// <summary>Lists the problems every write can answer in the OpenAPI document of each endpoint it is applied to.</summary>
    public static TBuilder ProducesWriteProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems(WriteStatuses);

    /// <summary>Lists problems an endpoint can answer in its OpenAPI operation.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }
}
