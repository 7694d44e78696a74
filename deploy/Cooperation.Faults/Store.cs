using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Cooperation.Faults;

/// <summary>
/// The store as the suite reads it behind the services' back (the operator's role: tallies, counts, the WAL's archiving).
/// Every query goes to the node that takes writes now: under COOP_HA=1 the connection string names both nodes with Target
/// Session Attributes=read-write, and the primary is the one that holds every acknowledged commit and may change settings.
/// A query that finds no such node or loses its connection (a failover, a switchover, the old primary's rejoin: then
/// pg_auto_failover restarts the new primary's PostgreSQL, see deploy/README.md) runs again on a fresh connection, for up
/// to 90 s, before the suite fails saying what it could not read. Every query here is safe to repeat.
/// </summary>
internal sealed class Store(string connectionString) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>The rows a query answers, each read by <paramref name="row"/>; <paramref name="what"/> names it in a failure.</summary>
    public async Task<List<T>> RowsAsync<T>(string what, string sql, Func<NpgsqlDataReader, T> row, params (string Name, object Value)[] parameters)
    {
        Exception? lastFailure = null;
        var retries = new ResiliencePipelineBuilder()
            .AddTimeout(Patience)
            .AddRetry(new RetryStrategyOptions
            {
                // No host that takes writes, a connection cut or refused, a server starting, stopping or just made a standby.
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e is not PostgresException p || p.IsTransient
                    || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Constant,
                OnRetry = retry =>
                {
                    lastFailure = retry.Outcome.Exception;
                    // The pool's other idle connections went to the node that failed too.
                    dataSource.Clear();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await retries.ExecuteAsync(async token =>
            {
                await using var command = dataSource.CreateCommand(sql);
                foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
                var rows = new List<T>();
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token)) rows.Add(row(reader));
                return rows;
            });
        }
        catch (TimeoutRejectedException)
        {
            throw new InvalidOperationException($"Could not read {what}: no PostgreSQL node took writes and answered for {Patience.TotalSeconds:F0} s (last: {lastFailure?.Message}).", lastFailure);
        }
    }

    /// <summary>The first column of the first row as text, or null when there is no row (or it holds null).</summary>
    public async Task<string?> ScalarAsync(string what, string sql, params (string Name, object Value)[] parameters) =>
        (await RowsAsync(what, sql, r => r.IsDBNull(0) ? null : r.GetValue(0).ToString(), parameters)).FirstOrDefault();

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
