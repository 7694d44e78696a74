using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Cooperation.Bench;

/// <summary>
/// An independent consumer of <c>cooperation.events</c> on a queue of its own: for every agreement registered by the run it
/// notes how long after the event's recorded time the message arrived.
/// </summary>
public sealed class LagProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<(DateTimeOffset Arrived, double LagMs)> arrivals = new();
    private readonly string run;
    private IConnection? connection;
    private IChannel? channel;

    private LagProbe(string run) => this.run = run;

    public static async Task<LagProbe> StartAsync(string amqp, string run)
    {
        var probe = new LagProbe(run);
        probe.connection = await new ConnectionFactory { Uri = new Uri(amqp), ClientProvidedName = "cooperation-bench" }.CreateConnectionAsync();
        probe.channel = await probe.connection.CreateChannelAsync();
        await probe.channel.ExchangeDeclareAsync("cooperation.events", ExchangeType.Fanout, durable: true);
        var queue = (await probe.channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await probe.channel.QueueBindAsync(queue, "cooperation.events", "");
        var consumer = new AsyncEventingBasicConsumer(probe.channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            probe.Note(delivery.Body.Span, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        };
        await probe.channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return probe;
    }

    private void Note(ReadOnlySpan<byte> body, DateTimeOffset arrived)
    {
        using var json = JsonDocument.Parse(body.ToArray());
        var message = json.RootElement.GetProperty("message");
        var metadata = message.GetProperty("metadata");
        if (metadata.GetProperty("eventType").GetString() != "agreement_registered") return;
        if (message.TryGetProperty("title", out var title) && title.GetString()?.StartsWith($"Bench {run} ", StringComparison.Ordinal) == true)
            arrivals.Enqueue((arrived, (arrived - metadata.GetProperty("recordedAt").GetDateTimeOffset()).TotalMilliseconds));
    }

    public int Count => arrivals.Count;

    public int ArrivedBy(DateTimeOffset moment) => arrivals.Count(a => a.Arrived <= moment);

    public (double P50, double P99, double Max) Lag()
    {
        var lags = arrivals.Select(a => a.LagMs).Order().ToArray();
        return (Stats.Percentile(lags, 0.5), Stats.Percentile(lags, 0.99), lags.Length == 0 ? double.NaN : lags[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        if (channel is not null) await channel.DisposeAsync();
        if (connection is not null) await connection.DisposeAsync();
    }
}
