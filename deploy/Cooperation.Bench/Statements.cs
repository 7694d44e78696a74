using Npgsql;

namespace Cooperation.Bench;

/// <summary>
/// Where the database's time per write goes: pg_stat_statements (loaded by deploy/infra.sh) counted over one load step,
/// for the run's database only, by the role that ran each statement (each service has its own) and by statement.
/// The extension's view lives in the server's maintenance database, so the run's database gains nothing.
/// </summary>
public sealed class Statements(string adminConnectionString)
{
    private readonly string database = new NpgsqlConnectionStringBuilder(adminConnectionString).Database!;

    private string Maintenance => new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = "postgres" }.ConnectionString;

    /// <summary>Starts counting afresh; false when the server was started without the extension (a run from before it was loaded).</summary>
    public async Task<bool> ResetAsync()
    {
        await using var connection = new NpgsqlConnection(Maintenance);
        await connection.OpenAsync();
        await using var loaded = new NpgsqlCommand("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'", connection);
        if (!(bool)(await loaded.ExecuteScalarAsync())!) return false;
        await using var reset = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await reset.ExecuteNonQueryAsync();
        return true;
    }

    public async Task<IReadOnlyList<Statement>> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(Maintenance);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.rolname, regexp_replace(s.query, '\s+', ' ', 'g'), s.calls, s.total_exec_time
            FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @database
            ORDER BY s.total_exec_time DESC
            """, connection);
        command.Parameters.AddWithValue("database", database);
        await using var reader = await command.ExecuteReaderAsync();
        var statements = new List<Statement>();
        while (await reader.ReadAsync())
            statements.Add(new Statement(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3)));
        return statements;
    }
}

public sealed record Statement(string Role, string Query, long Calls, double TotalMs);
