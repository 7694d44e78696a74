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
                try
                {
                    await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                    // Whatever was recorded while no one listened is read by the feeds' next look at the log.
                    signal.Pulse();
                    while (true) await connection.WaitAsync(stoppingToken);
                }
                finally
                {
                    await Unlisten(connection);
                }
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

    /// <summary>
    /// Pooled connections go back to the pool without a reset (see the event store's connection string), so the listening
    /// one stops listening first; one that broke goes nowhere, and what fails here is left to that.
    /// </summary>
    private static async Task Unlisten(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open) return;
        try
        {
            await using var unlisten = new NpgsqlCommand($"UNLISTEN {Channel}", connection);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await unlisten.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // Broken (such a connection is not handed out again) or the database too slow to answer: left as it is.
        }
    }

    public override void Dispose()
    {
        dataSource.Dispose();
        base.Dispose();
    }
}
