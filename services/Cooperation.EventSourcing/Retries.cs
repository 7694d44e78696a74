using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Cooperation.EventSourcing;

/// <summary>
/// How a service waits out a broker that is out of reach: attempts backing off from half a second to 30 s between them,
/// each bounded in time where it is given a bound, without a limit of attempts unless one is given (then the last failure
/// is thrown). A cancelled caller is never retried.
/// </summary>
public static class Retries
{
    public static ResiliencePipeline WithBackOff(ILogger logger, string what, TimeSpan? eachAttempt, int? maxAttempts = null,
        Func<Exception, bool>? retryOn = null)
    {
        var pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = maxAttempts is { } max ? max - 1 : int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(30),
            // Any failure of an attempt, a cancelled one included (a client may cancel its own send when its connection
            // drops), but never once the caller has cancelled.
            ShouldHandle = failed => ValueTask.FromResult(failed.Outcome.Exception is { } e
                && !failed.Context.CancellationToken.IsCancellationRequested && (retryOn?.Invoke(e) ?? true)),
            OnRetry = retry =>
            {
                logger.LogWarning(retry.Outcome.Exception, "{What} failed (attempt {Attempt}); retrying in {Delay}", what, retry.AttemptNumber + 1, retry.RetryDelay);
                return default;
            },
        });
        if (eachAttempt is { } bound) pipeline.AddTimeout(bound);
        return pipeline.Build();
    }
}
