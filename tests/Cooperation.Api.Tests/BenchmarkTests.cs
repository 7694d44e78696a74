using System.Diagnostics;
using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>
/// The benchmark's quick mode against the suite's system, so that deploy/bench.sh cannot rot: every step runs and yields
/// its figure, and every write it acknowledged reaches cooperation.events. Its load would skew other tests' timing, so it
/// runs alone; its writes name a region and a partner no other test uses.
/// </summary>
[Collection(nameof(BenchmarkTests))]
[CollectionDefinition(nameof(BenchmarkTests), DisableParallelization = true)]
public class BenchmarkTests(CooperationSystem system)
{
    [Fact]
    public async Task The_quick_benchmark_measures_every_step_and_every_acknowledged_write_is_published()
    {
        var output = Path.Combine(Path.GetTempPath(), $"cooperation-bench-{Guid.NewGuid():N}.json");
        var data = Environment.GetEnvironmentVariable("COOP_DATA") ?? throw new InvalidOperationException("COOP_DATA is not set: run the tests through deploy/test.sh.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList =
            {
                CooperationSystem.Assembly("deploy/Cooperation.Bench", "Cooperation.Bench"), "--quick",
                "--gateway", system.Gateway.Address.ToString(), "--direct", system.Agreements.Address.ToString(),
                "--postgres", system.Postgres, "--rabbitmq", system.RabbitMq, "--out", output,
                "--root", CooperationSystem.Root, "--postmaster-pid-file", Path.Combine(data, "postgres", "data", "postmaster.pid"),
                "--region", "RU-SAK", "--partner", "CN-YN",
            },
        };
        using var bench = Process.Start(start)!;
        var stdout = bench.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = bench.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bench.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(bench.ExitCode == 0, $"The benchmark failed ({bench.ExitCode}): {await stdout}{await stderr}");

        using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        var root = figures.RootElement;
        foreach (var step in new[] { "c1", "c32", "c1After", "c32After" })
            Assert.True(root.GetProperty("pgbench").GetProperty(step).GetProperty("rps").GetDouble() > 0, $"pgbench {step}");
        var writes = root.GetProperty("writes");
        foreach (var step in new[] { "gateway-c1", "gateway-c8", "gateway-c32", "direct-c1", "direct-c32" })
        {
            Assert.True(writes.GetProperty(step).GetProperty("requests").GetInt64() > 0, step);
            Assert.Equal(0, writes.GetProperty(step).GetProperty("failed").GetInt64());
        }
        var lag = root.GetProperty("lag");
        Assert.True(lag.GetProperty("acknowledged").GetInt64() > 0);
        Assert.True(lag.GetProperty("published").GetInt64() >= lag.GetProperty("acknowledged").GetInt64(), "every acknowledged write is published");
        Assert.True(root.GetProperty("readById").GetProperty("requests").GetInt64() > 0);
        Assert.Equal(0, root.GetProperty("readById").GetProperty("failed").GetInt64());
        Assert.Equal(0, root.GetProperty("readAsOf").GetProperty("failed").GetInt64());
        Assert.True(root.GetProperty("rebuild").GetProperty("events").GetInt64() > 0);
        Assert.True(root.GetProperty("postgresCpuMsPerWrite").GetDouble() > 0);
        // Where that time goes: the agreements' own statements, the appends among them, counted per write.
        var statements = root.GetProperty("statementsPerWrite");
        Assert.True(statements.GetProperty("byRole").GetProperty("agreements").GetProperty("statements").GetDouble() > 0);
        Assert.Contains(statements.GetProperty("top").EnumerateArray(), s => s.GetProperty("query").GetString()!.Contains("mt_quick_append_events"));
        foreach (var process in new[] { "agreements", "gateway", "postgresql" })
        {
            var memory = root.GetProperty("processes").GetProperty(process);
            Assert.True(memory.GetProperty("rssAfterBytes").GetInt64() > 0, process);
            Assert.True(memory.GetProperty("pssAfterBytes").GetInt64() > 0, process);
        }
        File.Delete(output);
    }

    [Fact]
    public async Task The_growth_mode_writes_the_events_asked_for_waits_for_the_dashboard_and_measures_every_read_at_both_sizes()
    {
        var output = Path.Combine(Path.GetTempPath(), $"cooperation-growth-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList =
            {
                CooperationSystem.Assembly("deploy/Cooperation.Bench", "Cooperation.Bench"), "--data", "200",
                "--gateway", system.Gateway.Address.ToString(), "--postgres", system.Postgres, "--rabbitmq", system.RabbitMq, "--out", output,
                "--root", CooperationSystem.Root,
                // A region no other test writes in (Gomel Oblast, say, holds the demo data alone for the page's test).
                "--regions", "RU-SAK",
            },
        };
        using var bench = Process.Start(start)!;
        var stdout = bench.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = bench.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bench.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(bench.ExitCode == 0, $"The growth benchmark failed ({bench.ExitCode}): {await stdout}{await stderr}");

        using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        var root = figures.RootElement;
        var written = root.GetProperty("written").GetInt64();
        Assert.True(written >= 200, $"{written} events written");
        // Measured only once the dashboard's log holds every event written (other tests' events may be there too).
        Assert.True(root.GetProperty("eventsAfter").GetInt64() >= root.GetProperty("eventsBefore").GetInt64() + written);
        var reads = root.GetProperty("reads").EnumerateArray().ToArray();
        Assert.Equal(10, reads.Length);
        foreach (var read in reads)
        {
            Assert.Equal(0, read.GetProperty("failed").GetInt32());
            Assert.True(read.GetProperty("p95After").GetDouble() > 0, read.GetProperty("read").GetString());
        }
        File.Delete(output);
    }
}
