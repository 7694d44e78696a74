using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.ServiceDefaults;

/// <summary>
/// Something a service needs in order to answer (the database, the broker), how to recognise in a failure that it cannot be
/// reached now, and what to drop once it has been seen so (connections to a server that went away), so the next request starts afresh.
/// <see cref="Forget"/> is given the failure, so that it can keep what a mere timeout has not shown to be broken.
/// </summary>
public sealed record Dependency(string Name, Func<Exception, bool> IsUnreachable, Action<Exception>? Forget = null)
{
    /// <summary>Whether the failure, or any failure it wraps, says the dependency cannot be reached now.</summary>
    public bool Explains(Exception failure) => Dependencies.Chain(failure).Any(IsUnreachable);
}

public static class Dependencies
{
    /// <summary>How long a client is asked to wait before retrying a request that failed on an unreachable dependency.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Lets a failure of the dependency answer 503 with Retry-After instead of 500; registered by the library that talks to it.</summary>
    public static IServiceCollection AddDependency(this IServiceCollection services, Dependency dependency) => services.AddSingleton(dependency);

    /// <summary>The exception and every exception it wraps, however deep (libraries wrap the driver's failure in their own).</summary>
    internal static IEnumerable<Exception> Chain(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var e in inner.SelectMany(Chain)) yield return e;
    }
}

/// <summary>Answers a request that failed because a dependency cannot be reached now with 503 and Retry-After: the request may succeed later.</summary>
internal sealed class UnavailableHandler(IProblemDetailsService problems, IEnumerable<Dependency> dependencies) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (dependencies.FirstOrDefault(d => d.Explains(exception)) is not { } down) return false;
        down.Forget?.Invoke(exception);
        var seconds = (int)Dependencies.RetryAfter.TotalSeconds;
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The {down.Name} cannot be reached at the moment. Retry in {seconds} seconds; a write retried with the same Idempotency-Key is made at most once.",
            },
        });
    }
}
