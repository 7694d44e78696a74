using System.Text.Json;
using RabbitMQ.Client;

namespace Cooperation.Api.Tests;

/// <summary>An auditor's own queue, bound to nothing, read with the plain AMQP client.</summary>
public sealed class AuditorQueue : IAsyncDisposable
{
    private readonly ConnectionFactory factory;
    private readonly List<JsonElement> received = [];

    public string Name { get; } = $"audit-{Guid.NewGuid():N}";

    private AuditorQueue(string uri) => factory = new ConnectionFactory { Uri = new Uri(uri) };

    public static async Task<AuditorQueue> DeclareAsync(string uri)
    {
        var queue = new AuditorQueue(uri);
        await queue.WithChannel(channel => channel.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false));
        return queue;
    }

    /// <summary>Waits until <paramref name="count"/> messages have arrived, then a little longer to catch any extra.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReceiveAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            await DrainAsync();
            if (received.Count < count) await Task.Delay(200);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        await DrainAsync();
        return received.ToList();
    }

    private Task DrainAsync() => WithChannel(async channel =>
    {
        while (await channel.BasicGetAsync(Name, autoAck: true) is { } message)
            received.Add(JsonDocument.Parse(message.Body).RootElement.Clone());
    });

    private async Task WithChannel(Func<IChannel, Task> action)
    {
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await action(channel);
    }

    public async ValueTask DisposeAsync()
    {
        try { await WithChannel(channel => channel.QueueDeleteAsync(Name)); }
        catch (Exception) { /* the queue dies with the throwaway node */ }
        try { await WithChannel(channel => channel.ExchangeDeleteAsync(Name)); }
        catch (Exception) { /* MassTransit's exchange in front of the queue, if it made one */ }
    }
}
