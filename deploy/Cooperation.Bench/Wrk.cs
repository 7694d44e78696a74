using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cooperation.Bench;

/// <summary>What one wrk run measured: requests per second, latency percentiles and the answers that were not 2xx.</summary>
public sealed record LoadResult(double Rps, double P50Ms, double P99Ms, long Requests, long Failed)
{
    public long Succeeded => Requests - Failed;
}

/// <summary>Drives HTTP load with wrk (Debian's package): bounded by time, loopback only.</summary>
public static partial class Wrk
{
    public static async Task<LoadResult> RunAsync(Uri url, int connections, TimeSpan duration, string token, string? script = null,
        IDictionary<string, string>? environment = null)
    {
        if (!url.IsLoopback) throw new ArgumentException($"{url} is not a loopback address; the benchmark only loads this machine.");
        var info = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList =
            {
                "--latency", "-t", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s", "--timeout", "10s",
                "-H", $"Authorization: Bearer {token}", "-H", "Content-Type: application/json",
            },
        };
        if (script is not null) { info.ArgumentList.Add("-s"); info.ArgumentList.Add(script); }
        info.ArgumentList.Add(url.ToString());
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {error}{output}");
        return Parse(output);
    }

    public static LoadResult Parse(string output)
    {
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var errors = SocketErrors().Matches(output).Sum(e => long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture));
        return new LoadResult(rps, Percentile(output, "50"), Percentile(output, "99"), requests, non2xx + errors);
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success) return double.NaN;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();
}
