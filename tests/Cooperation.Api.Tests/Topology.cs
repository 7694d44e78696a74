namespace Cooperation.Api.Tests;

/// <summary>The system's hosts as deploy/topology.txt lists them for the run command too.</summary>
public static class Topology
{
    public const string Gateway = "gateway";

    // Ports sit above a base that deploy/test.sh can move, so independent suites can run side by side.
    private static readonly int PortBase = int.TryParse(Environment.GetEnvironmentVariable("COOP_TEST_HTTP_BASE"), out var b) ? b : 15100;

    public sealed record Host(string Name, string Folder, string Assembly, int Port)
    {
        /// <summary>Where the tests run this host: its port moved above the base.</summary>
        public int TestPort => PortBase + Port % 100;
    }

    public static IReadOnlyList<Host> Hosts { get; } = File.ReadAllLines(Path.Combine(CooperationSystem.Root, "deploy", "topology.txt"))
        .Where(line => line.Trim() is { Length: > 0 } text && !text.StartsWith('#'))
        .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var name, var folder, var assembly, var port]
            ? new Host(name, folder, assembly, int.Parse(port))
            : throw new FormatException($"deploy/topology.txt: \"{line}\" is not name, folder, assembly, port."))
        .ToArray();

    /// <summary>A port above the base that no host takes, for a service that never runs.</summary>
    public static int UnusedTestPort => PortBase + 9;
}
