using System.Diagnostics;

namespace Cooperation.Faults;

/// <summary>How the faults are made: deploy/infra.sh for PostgreSQL and the broker, kill -9 for a service instance.</summary>
public sealed class Infra(string root)
{
    /// <summary>Runs deploy/infra.sh with the arguments; returns what it wrote on its standard output.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(root, "deploy", "infra.sh") }, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"deploy/infra.sh {string.Join(' ', arguments)} failed: {await output}{await errors}");
        return await output;
    }

    /// <summary>One outage: a command that makes it ("pg-stop immediate"), a while, one that ends it; returns when it ended.</summary>
    public async Task<DateTimeOffset> OutageAsync(string down, TimeSpan length, string up)
    {
        await RunAsync(down.Split(' '));
        await Task.Delay(length);
        await RunAsync(up.Split(' '));
        return DateTimeOffset.UtcNow;
    }

    /// <summary>kill -9 of the process that listens on the port as the run command started it (its Urls setting names the port).</summary>
    public static void Kill(int port)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var environment = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                if (!environment.Contains($"Urls=http://127.0.0.1:{port}")) continue;
                if (!File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("Cooperation.", StringComparison.Ordinal)) continue;
                Process.GetProcessById(pid).Kill();
                Console.Error.WriteLine($"faults: killed pid {pid} (port {port})");
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { }
        }
        throw new InvalidOperationException($"No service process of this machine listens on port {port}.");
    }
}
