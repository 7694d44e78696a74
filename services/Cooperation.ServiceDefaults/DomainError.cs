using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cooperation.ServiceDefaults;

public enum ErrorKind { Invalid, NotFound, Forbidden, Conflict, PreconditionFailed }

/// <summary>Why a request cannot be carried out; the one place where outcomes become HTTP statuses.</summary>
public sealed record DomainError(ErrorKind Kind, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static DomainError Invalid(string field, string message) => new(ErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
    public static DomainError Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ErrorKind.Invalid, "The request has invalid fields.", errors);
    public static DomainError NotFound(string detail) => new(ErrorKind.NotFound, detail);
    public static DomainError Forbidden(string detail) => new(ErrorKind.Forbidden, detail);
    public static DomainError Conflict(string detail) => new(ErrorKind.Conflict, detail);
    public static DomainError PreconditionFailed(string detail) => new(ErrorKind.PreconditionFailed, detail);

    public ProblemHttpResult ToProblem()
    {
        var (status, title) = Kind switch
        {
            ErrorKind.Invalid => (StatusCodes.Status422UnprocessableEntity, "The request is not valid"),
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            ErrorKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "The record has changed"),
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

/// <summary>What a pure decision returns: the events to append, or why not.</summary>
public sealed record Decision(IReadOnlyList<object> Events, DomainError? Error)
{
    public static Decision Of(params object[] events) => new(events, null);

    public static implicit operator Decision(DomainError error) => new([], error);
}
