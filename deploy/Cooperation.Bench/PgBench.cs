using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Cooperation.Bench;

/// <summary>
/// The database's own limit on this machine: pgbench running the shape of one Marten append on a scratch database of the
/// same server, so that the system's write figures can be read as a share of it.
/// </summary>
public sealed partial class PgBench(string connectionString)
{
    private const string Database = "cooperation_bench_yardstick";

    public async Task PrepareAsync()
    {
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await Execute(admin, $"DROP DATABASE IF EXISTS {Database}");
            await Execute(admin, $"CREATE DATABASE {Database}");
        }
        await using var scratch = new NpgsqlConnection(ScratchConnectionString);
        await scratch.OpenAsync();
        await Execute(scratch, """
            CREATE TABLE streams (id bigint PRIMARY KEY, version bigint NOT NULL);
            CREATE TABLE events (seq bigserial PRIMARY KEY, id uuid NOT NULL, stream_id bigint NOT NULL, version bigint NOT NULL,
                type text NOT NULL, data jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO streams SELECT g, 0 FROM generate_series(1, 100000) g;
            """);
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await Execute(admin, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
    }

    private string ScratchConnectionString => new NpgsqlConnectionStringBuilder(connectionString) { Database = Database }.ConnectionString;

    public async Task<LoadResult> RunAsync(int clients, TimeSpan duration)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var logs = Directory.CreateTempSubdirectory("cooperation-pgbench");
        try
        {
            var info = new ProcessStartInfo(Executable())
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = logs.FullName,
                ArgumentList =
                {
                    "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
                    "-T", Math.Max(1, (int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                    "-f", Path.Combine(AppContext.BaseDirectory, "append.sql"), "-l", "--log-prefix", Path.Combine(logs.FullName, "tx"),
                    "-h", settings.Host!, "-p", settings.Port.ToString(CultureInfo.InvariantCulture), "-U", settings.Username!, Database,
                },
            };
            if (settings.Password is { } password) info.Environment["PGPASSWORD"] = password;
            using var process = Process.Start(info) ?? throw new InvalidOperationException("pgbench did not start.");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench failed: {error}{output}");

            // Each log line: client, transaction, latency in microseconds, script, epoch seconds, microseconds.
            var latencies = logs.GetFiles("tx*").SelectMany(f => File.ReadLines(f.FullName))
                .Select(line => double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture) / 1000).Order().ToArray();
            // pgbench prints no rate when no transaction finished in time (a machine too busy to connect): then it is the log's count.
            var tps = Tps().Match(output) is { Success: true } rate
                ? double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture)
                : latencies.Length / Math.Max(1, duration.TotalSeconds);
            var failed = Failed().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new LoadResult(tps, Stats.Percentile(latencies, 0.50), Stats.Percentile(latencies, 0.99), latencies.Length, failed);
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    /// <summary>pgbench on PATH, or beside the PostgreSQL server binaries (Debian keeps it out of PATH).</summary>
    private static string Executable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/lib/postgresql/15/bin"))
            if (File.Exists(Path.Combine(dir, "pgbench"))) return Path.Combine(dir, "pgbench");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (new FileInfo(Path.Combine(dir, "pg_ctl")) is { Exists: true } pgCtl && pgCtl.ResolveLinkTarget(true) is { } target
                && File.Exists(Path.Combine(Path.GetDirectoryName(target.FullName)!, "pgbench")))
                return Path.Combine(Path.GetDirectoryName(target.FullName)!, "pgbench");
        throw new InvalidOperationException("pgbench not found: it comes with the PostgreSQL 15 server package.");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex Failed();
}

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
