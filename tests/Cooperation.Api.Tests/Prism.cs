using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Cooperation.Api.Tests;

/// <summary>
/// Stoplight Prism (tests/contract, from npm) as a validating proxy in front of the gateway, checking every request and
/// answer against an OpenAPI document; what it finds comes back in each answer's <c>sl-violations</c> header.
/// </summary>
public sealed class Prism : IAsyncDisposable
{
    private readonly Process process;
    private readonly string file;
    public HttpClient Client { get; }

    private Prism(Process process, string file, int port)
    {
        this.process = process;
        this.file = file;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<Prism> StartAsync(JsonObject document, Uri upstream)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cooperation-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(CooperationSystem.Root, "tests", "contract", "node_modules", ".bin", "prism"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "proxy", file, upstream.ToString().TrimEnd('/'), "--host", "127.0.0.1", "--port", $"{port}" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prism = new Prism(process, file, port);
        // Node starts slowly on a busy machine.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return prism;
            }
            catch (SocketException)
            {
                await Task.Delay(250);
            }
        }
        var exited = process.HasExited;
        await prism.DisposeAsync();
        throw new InvalidOperationException($"Prism did not listen on {port} (exited: {exited}).");
    }

    /// <summary>What Prism found wrong with the exchange, request or answer.</summary>
    public static JsonArray Violations(HttpResponseMessage response) =>
        response.Headers.TryGetValues("sl-violations", out var found) ? JsonNode.Parse(string.Join("", found))!.AsArray() : [];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        File.Delete(file);
    }
}
