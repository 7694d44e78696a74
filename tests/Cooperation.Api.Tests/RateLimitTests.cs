using System.Net;

namespace Cooperation.Api.Tests;

/// <summary>A gateway of its own with tight rate limits in front of the suite's Agreements.</summary>
public class RateLimitTests(CooperationSystem system)
{
    [Fact]
    public async Task A_caller_over_a_limit_is_answered_429_with_Retry_After_while_other_callers_go_on()
    {
        await using var gateway = system.GatewayWith(new Dictionary<string, string>
        {
            ["RateLimits__PerCallerPerSecond"] = "5",
            ["RateLimits__PerCallerBurst"] = "5",
            ["RateLimits__DevTokensPerMinute"] = "3",
            ["RateLimits__JobsPerMinute"] = "2",
        }, "agreements", system.Agreements);
        await gateway.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = gateway.Address };
        using var hasty = await system.ClientAsync("committee", "BY-VI", "hasty-clerk", at: gateway.Address);
        using var patient = await system.ClientAsync("committee", "BY-VI", "patient-clerk", at: gateway.Address);
        using var admin = await system.ClientAsync("admin", sub: "limited-admin", at: gateway.Address);

        var minted = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) minted.Add(await anonymous.PostAsync("/api/dev/tokens", new { role = "ministry", sub = $"minted-{i}" }));
        // Forty requests at once from one caller: five pass at once, five more each second.
        var burst = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => hasty.GetAsync("/api/agreements?pageSize=1")));
        using var other = await patient.GetAsync("/api/agreements?pageSize=1");
        var jobs = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) jobs.Add(await admin.PostAsync("/api/agreements/rebuilds", new { }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], minted.Select(r => r.StatusCode));
        var refused = burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(burst, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.All(refused.Append(minted[3]), r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After"));
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.All(jobs.Take(2), r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        Assert.Equal(HttpStatusCode.TooManyRequests, jobs[2].StatusCode);
        foreach (var r in minted.Concat(burst).Concat(jobs)) r.Dispose();
    }
}
