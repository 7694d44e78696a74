using System.Diagnostics;

namespace Cooperation.Api.Tests;

/// <summary>One of the system's hosts, run from its build output as a real process.</summary>
public sealed class ServiceProcess(string name, string assemblyPath, int port, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Process? process;

    public string Name => name;
    public Uri Address { get; } = new($"http://127.0.0.1:{port}");
    public string LogPath { get; } = Path.Combine(Path.GetTempPath(), $"cooperation-tests-{name}-{port}.log");

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [assemblyPath])
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A host sees only the credentials it is given, none of those the suite holds (the operator's, the other services').
        foreach (var key in start.Environment.Keys.Where(Credential).ToList()) start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["Urls"] = Address.ToString();
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilLiveAsync();
    }

    private static bool Credential(string variable) =>
        variable.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || variable.StartsWith("COOP_POSTGRES_", StringComparison.Ordinal)
        || variable.StartsWith("COOP_RABBITMQ_", StringComparison.Ordinal);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private async Task WaitUntilLiveAsync()
    {
        // A bound on a wait, not a measure: a host comes up in seconds on a quiet machine and in minutes on a loaded one.
        var deadline = DateTime.UtcNow.Add(StartTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}; see {LogPath}");
            try
            {
                using var response = await Probe.GetAsync(new Uri(Address, "/health/live"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{name} did not come up within {StartTimeout.TotalSeconds} s; see {LogPath}");
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (process is null || process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }
}
