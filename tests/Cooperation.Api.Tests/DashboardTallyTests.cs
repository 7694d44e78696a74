using static Cooperation.Api.Tests.DashboardTests;

namespace Cooperation.Api.Tests;

/// <summary>
/// The summary's tally, kept by the active consumer as events arrive and counted again from the read models by an instance
/// that starts after a change of what it counts. In the dashboard's collection, since it starts instances of the dashboard.
/// </summary>
[Collection(nameof(DashboardTests))]
public class DashboardTallyTests(CooperationSystem system)
{
    /// <summary>Each read model's table (Marten's mt_doc_&lt;row&gt;, with _&lt;version&gt; from version 2), the tally's total it is counted under, and what makes a row counted.</summary>
    private static readonly (string Row, string Total, string Counted)[] Totals =
    [
        ("agreementrow", "agreements.total", "kind"),
        ("visitrow", "visits.total", "direction"),
        ("projectrow", "projects.total", "name"),
        ("occasionrow", "occasions.total", "kind"),
        ("exchangerow", "exchanges.total", "kind"),
    ];

    [Fact]
    public async Task Two_instances_counting_the_tally_again_while_events_arrive_leave_it_equal_to_the_read_models()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        await using var db = await Database.OpenAsync(system.Postgres);

        // As after a change of what the tally counts: no mark of a count, so each instance started now counts it again on start,
        // while the suite's dashboard, the active consumer, records the writes below.
        await Database.ExecuteAsync(db, "delete from dashboard.mt_doc_projectionbuilt where id like 'DashboardTally:%'");
        await using var second = system.Instance("dashboard", 2);
        await using var third = system.Instance("dashboard", 3);
        var started = Task.WhenAll(second.StartAsync(), third.StartAsync());
        var written = 0;
        while (!started.IsCompleted || written < 20)
        {
            await RegisterAsync(vitebsk, Agreement(partner, "cooperation", "2016"));
            written++;
        }
        await started;
        await ministry.EventuallyAsync($"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}",
            s => s.GetProperty("agreements").GetProperty("total").GetInt32() >= written);

        // In one snapshot, whatever the consumer records meanwhile (it changes the tally and the rows in one transaction).
        await Database.ExecuteAsync(db, "begin isolation level repeatable read");
        try
        {
            Assert.Equal(await CountAsync(db, "select count(*) from dashboard.mt_events"), await TallyAsync(db, "all.events"));
            foreach (var (row, total, counted) in Totals)
            {
                var table = await Database.ScalarAsync<string>(db, "select table_name from information_schema.tables "
                    + "where table_schema = 'dashboard' and table_name ~ ('^mt_doc_' || $1 || '(_[0-9]+)?$') order by length(table_name) desc, table_name desc limit 1", row);
                Assert.True(await CountAsync(db, $"select count(*) from dashboard.{table} where data->>'{counted}' is not null") == await TallyAsync(db, total),
                    $"{total} in the tally is not the count of {table}");
            }
        }
        finally
        {
            await Database.ExecuteAsync(db, "rollback");
        }
        var summary = await ministry.GetJsonAsync($"/api/dashboard/summary?partner={Uri.EscapeDataString(partner)}");
        Assert.Equal(written, summary.GetProperty("agreements").GetProperty("total").GetInt32());
    }

    private static Task<long> CountAsync(Npgsql.NpgsqlConnection db, string sql) => Database.ScalarAsync<long>(db, sql);

    private static async Task<long> TallyAsync(Npgsql.NpgsqlConnection db, string dimension) =>
        await Database.ScalarAsync<long>(db, "select coalesce(sum(count), 0)::bigint from dashboard.dashboard_tally where token = '*' and dimension = $1", dimension);
}
