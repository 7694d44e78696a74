using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Cooperation.Gateway;

/// <summary>
/// How much one caller may ask of the system, counted at the gateway with ASP.NET Core's rate limiter, all in the
/// <c>RateLimits</c> section: requests per second of each caller (by token subject, or by address without a token), with a
/// burst allowance; tokens minted per minute from one address; replays and rebuilds requested per minute by one caller.
/// A request over a limit is answered 429 with Retry-After and never reaches a service. A limit of 0 is off.
/// </summary>
public static class RateLimits
{
    public sealed class Settings
    {
        public int PerCallerPerSecond { get; init; } = 50;
        public int PerCallerBurst { get; init; } = 100;
        public int DevTokensPerMinute { get; init; } = 30;
        public int JobsPerMinute { get; init; } = 10;
    }

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RateLimits").Get<Settings>() ?? new Settings();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => settings.PerCallerPerSecond <= 0 || !http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetTokenBucketLimiter(Caller(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(settings.PerCallerBurst, settings.PerCallerPerSecond),
                        TokensPerPeriod = settings.PerCallerPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })),
                PartitionedRateLimiter.Create<HttpContext, string>(http => settings.DevTokensPerMinute <= 0 || !http.Request.Path.StartsWithSegments("/api/dev/tokens")
                    ? RateLimitPartition.GetNoLimiter("")
                    : PerMinute("tokens:" + Address(http), settings.DevTokensPerMinute)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => settings.JobsPerMinute <= 0 || !IsJobRequest(http.Request)
                    ? RateLimitPartition.GetNoLimiter("")
                    : PerMinute("jobs:" + Caller(http), settings.JobsPerMinute)));
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"This caller has made more requests than the gateway allows; retry after {seconds} s.").ExecuteAsync(http);
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });

    /// <summary>The token's subject once the gateway has authenticated it; the address of a caller without one.</summary>
    private static string Caller(HttpContext http) =>
        http.User.FindFirstValue("sub") ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? Address(http);

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A replay or a rebuild requested of any service: POST /api/{service}/replays or /rebuilds.</summary>
    private static bool IsJobRequest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Value?.EndsWith("/replays", StringComparison.Ordinal) == true || request.Path.Value?.EndsWith("/rebuilds", StringComparison.Ordinal) == true);
}
