using System.Diagnostics;

namespace Cooperation.Api.Tests;

public static class Shell
{
    public static async Task RunAsync(string command, string arguments)
    {
        var start = new ProcessStartInfo("bash", $"{command} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {arguments} failed ({process.ExitCode}): {await output}{await error}");
    }
}
