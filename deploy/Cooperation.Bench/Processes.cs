using System.Globalization;

namespace Cooperation.Bench;

/// <summary>Memory and CPU time of the system's processes on this machine, read from /proc.</summary>
public static class Processes
{
    /// <summary>
    /// RSS counts every page a process has mapped, the .NET runtime's and the shared framework's too, though all the
    /// services map the same files once between them; PSS divides each shared page among the processes that map it.
    /// </summary>
    public sealed record Sample(string Name, int Count, long RssBytes, long PssBytes, double CpuSeconds);

    private static readonly double TicksPerSecond = 100;  // USER_HZ on Linux

    /// <summary>
    /// This checkout's services and gateway by assembly (instances summed), the PostgreSQL server whose postmaster is
    /// given with its backends as one (one process, whose memory is the postmaster's RSS and all their PSS), and the
    /// RabbitMQ nodes whose home is in the run's data folder (under the root, or COOP_DATA); other processes on the
    /// machine are left out. PSS is read only when <paramref name="pss"/> is set: the kernel walks every mapping of a
    /// process for it, too much for the once-a-second reads of <see cref="SettleAsync"/>, which need only CPU time.
    /// </summary>
    public static IReadOnlyDictionary<string, Sample> Snapshot(string root, int? postmaster, bool pss = true)
    {
        var found = new List<(string Name, long Rss, long Pss, double Cpu)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                string? name;
                if (postmaster is { } pm && (pid == pm || parent == pm)) name = "postgresql";
                else
                {
                    var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                    var cwd = new FileInfo(Path.Combine(dir, "cwd")).LinkTarget;
                    name = Name(args, root, cwd);
                }
                if (name is null) continue;
                // utime + stime, and the children's that have ended (the postmaster's backends come and go with connections).
                var cpu = new[] { 11, 12, 13, 14 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)) / TicksPerSecond;
                // An ended process not yet reaped (a zombie) has no memory left to show, and none to count.
                if (File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) is not { } rss) continue;
                // A backend's RSS counts the shared buffers again; the server's memory is the postmaster's.
                var bytes = name == "postgresql" && pid != postmaster ? 0 : Kilobytes(rss) * 1024;
                // PSS shares them out, so the server's is that of all its processes together.
                found.Add((name, bytes, pss ? Pss(dir) : 0, cpu));
            }
            catch (IOException) { }  // the process ended while we read it
            catch (UnauthorizedAccessException) { }
        }
        return found.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new Sample(g.Key, g.Key == "postgresql" ? 1 : g.Count(), g.Sum(f => f.Rss), g.Sum(f => f.Pss), g.Sum(f => f.Cpu)));
    }

    /// <summary>A process's PSS, or 0 where this user may not read it (another user's process, unless run as root).</summary>
    private static long Pss(string dir)
    {
        try
        {
            return File.ReadLines(Path.Combine(dir, "smaps_rollup")).FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal)) is { } line
                ? Kilobytes(line) * 1024 : 0;
        }
        catch (UnauthorizedAccessException) { return 0; }
    }

    /// <summary>The figure of a /proc line such as "VmRSS:   1234 kB".</summary>
    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits, up to <paramref name="limit"/>, until the system is quiet: over the last second its processes used less CPU than
    /// they do at rest (a tenth of a core, and a twentieth more per process). What a step leaves behind, the consumers'
    /// backlog above all, then runs before the next step rather than during it.
    /// </summary>
    public static async Task SettleAsync(string root, int? postmaster, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var before = Snapshot(root, postmaster, pss: false).Values.ToList();
        while (clock.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Snapshot(root, postmaster, pss: false).Values.ToList();
            var used = now.Sum(p => p.CpuSeconds) - before.Sum(p => p.CpuSeconds);
            if (used < 0.1 + 0.05 * now.Sum(p => p.Count)) return;
            before = now;
        }
    }

    private static readonly string? Data = Environment.GetEnvironmentVariable("COOP_DATA");

    private static string? Name(string[] args, string root, string? cwd)
    {
        if (args.Length > 0 && Path.GetFileName(args[0]) == "beam.smp")
            return args.SkipWhile(a => a != "-home").Skip(1).FirstOrDefault() is { } home
                && new[] { root, Data }.Any(d => d is not null && home.StartsWith(d.TrimEnd('/') + "/", StringComparison.Ordinal)) ? "rabbitmq" : null;
        var dll = args.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal) && Path.GetFileName(a).StartsWith("Cooperation.", StringComparison.Ordinal));
        if (dll is null || !Path.GetFullPath(dll, cwd ?? "/").StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)) return null;
        var name = Path.GetFileNameWithoutExtension(dll)["Cooperation.".Length..].ToLowerInvariant();
        return name is "bench" or "demodata" ? null : name;
    }
}
