using Npgsql;

namespace Cooperation.Dashboard.Feed;

/// <summary>
/// Tells every instance's open feeds that the log has grown, whichever instance recorded the event: the recording
/// transaction notifies a PostgreSQL channel on commit, and each instance listens on it and wakes its feeds.
/// </summary>
public sealed class FeedNotifications(NpgsqlDataSource dataSource, FeedSignal signal, ILogger<FeedNotifications> logger) : BackgroundService
{
    public const string Channel = "dashboard_feed";

    /// <summary>The statement the recording transaction runs; PostgreSQL delivers it only if that transaction commits.</summary>
    public const string Notify = $"NOTIFY {Channel}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Pulse();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                // Whatever was recorded while no one listened is read by the feeds' next look at the log.
                signal.Pulse();
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Listening for recorded events failed; the feeds poll the log until it is back");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        dataSource.Dispose();
        base.Dispose();
    }
}
