using Cooperation.Dashboard.Recording;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>One count of the tally: under a dimension (e.g. agreements.byKind), a key (e.g. plan-of-events), how many.</summary>
public sealed record TallyCount(string Dimension, string Key, long Count);

/// <summary>
/// What the summary counts, kept as events arrive rather than counted on each read: for each reporting region and each
/// partner a row concerns (its key and its country, lower case, and <see cref="Any"/> for any partner), how many rows count
/// under each dimension and key. A filtered summary adds up the lines of its region (all regions when none is chosen) and
/// its partner, so it reads a few hundred lines however many rows there are. <see cref="Of(AgreementRow)"/> and its
/// siblings are the one definition of what a row counts for: the consumer applies the difference a batch makes to its rows
/// (<see cref="RecordAsync"/>) in the transaction that records the batch, and a past moment's rows are tallied in memory
/// by the same code.
/// </summary>
public static class DashboardTally
{
    public const string Any = "*";
    public const string Table = "dashboard_tally";

    /// <summary>Raise it when what a row counts for changes: the tally is then counted again from the rows on the next start.</summary>
    public const int Version = 1;

    /// <summary>Dimensions counted whatever the filters (the lists of regions and partners to choose from, the events consumed), kept under <see cref="Any"/> only.</summary>
    private const string Everywhere = "all.";

    public const string Events = Everywhere + "events", Regions = Everywhere + "regions", Partners = Everywhere + "partners", PartnerNames = Everywhere + "partnerNames";

    public static Table Schema(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("region").AsPrimaryKey();
        table.AddColumn<string>("token").AsPrimaryKey();
        table.AddColumn<string>("dimension").AsPrimaryKey();
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<long>("count").NotNull();
        return table;
    }

    /// <summary>One line of the tally: a row's region (lower case), a partner token, a dimension and a key.</summary>
    public readonly record struct Line(string Region, string Token, string Dimension, string Key);

    public static IEnumerable<Line> Of(AgreementRow a)
    {
        if (a.Kind is null) return [];
        var status = a.TerminatedOn is not null ? ("agreements.byStatus", "terminated")
            : !a.Signed ? ("agreements.byStatus", "draft")
            // Signed, expired or not depending on the day read against: counted by the last day of validity.
            : ("agreements.signedUntil", PartialDate.TryParse(a.ValidUntil, out var until) ? Day(until.End) : "");
        return Lines(a.Region!, a.Partners,
            [
                ("agreements.total", ""), ("agreements.byRegion", a.Region!), ("agreements.byKind", a.Kind), status,
                .. a.Partners.Select(p => ("agreements.byPartner", p.Key)),
                .. a.Year is { } year ? [("agreements.byYear", year.ToString())] : Array.Empty<(string, string)>(),
                .. a.Spheres.Select(s => ("agreements.bySphere", s)),
            ]);
    }

    public static IEnumerable<Line> Of(VisitRow v)
    {
        if (v.Direction is null) return [];
        var status = v.Cancelled ? ("visits.byStatus", "cancelled")
            : v.CompletedFrom is not null ? ("visits.byStatus", "completed")
            : v.StartedOn is not null ? ("visits.byStatus", "under-way")
            // Planned or overdue depending on the day read against: counted by the last planned day.
            : ("visits.plannedUntil", v.LastDay is { } last ? Day(last) : "");
        return Lines(v.Region!, v.Partners,
            [
                ("visits.total", ""), ("visits.byDirection", v.Direction), status,
                .. v.Year is { } year ? [("visits.byYear", year.ToString())] : Array.Empty<(string, string)>(),
            ]);
    }

    public static IEnumerable<Line> Of(OccasionRow o) => o.Kind is null ? [] :
        Lines(o.Region!, o.Partners, [("occasions.total", ""), ("occasions.byKind", o.Kind), ("occasions.byStatus", o.Status)]);

    public static IEnumerable<Line> Of(ExchangeRow x) => x.Kind is null ? [] :
        Lines(x.Region!, x.Partners, [("exchanges.total", ""), ("exchanges.byKind", x.Kind), .. x.Partners.Select(p => ("exchanges.byPartner", p.Key))]);

    public static IEnumerable<Line> Of(TradeReportRow r) => r.Partner is null ? [] : Lines(r.Region!, [r.Partner], []);

    public static IEnumerable<Line> Of(ProjectRow p) => p.Name is null ? [] :
        Lines(p.Region ?? "", p.Partners, [("projects.total", ""), ("projects.byStatus", p.Status ?? "")], listed: false);

    /// <summary>The lines of a region and partners: each count under every partner token, and the lists under <see cref="Any"/>.</summary>
    private static IEnumerable<Line> Lines(string region, IReadOnlyCollection<Partner> partners, (string Dimension, string Key)[] counts, bool listed = true)
    {
        var home = region.ToLowerInvariant();
        var tokens = partners.SelectMany(p => p.Country is null ? [p.Key] : new[] { p.Key, p.Country }).Select(t => t.ToLowerInvariant()).Prepend(Any).Distinct();
        foreach (var token in tokens)
        foreach (var (dimension, key) in counts)
            yield return new Line(home, token, dimension, key);
        if (!listed) yield break;
        yield return new Line(home, Any, Regions, region);
        foreach (var p in partners)
        {
            yield return new Line(home, Any, Partners, p.Key);
            if (p.Country is not null) yield return new Line(home, Any, Partners, p.Country);
            yield return new Line(home, Any, PartnerNames, $"{p.Key}\u001f{p.Name}\u001f{p.Country}");
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether a line counts for a summary of the region and partner token (null region: all), as <see cref="ReadAsync"/> selects them.</summary>
    private static bool Selected(Line line, string? region, string token) =>
        (line.Token == token && (region is null || line.Region == region)) || (line.Token == Any && line.Dimension.StartsWith(Everywhere, StringComparison.Ordinal));

    /// <summary>The counts of rows held in memory (a past moment's), for a region and partner, added up as the table's are.</summary>
    public static IReadOnlyList<TallyCount> Count(DashboardRows rows, string? region, string? partner)
    {
        var (home, token) = (region?.ToLowerInvariant(), partner?.ToLowerInvariant() ?? Any);
        var lines = rows.Agreements.SelectMany(Of).Concat(rows.Visits.SelectMany(Of)).Concat(rows.Reports.SelectMany(Of)).Concat(rows.Projects.SelectMany(Of))
            .Concat(rows.Occasions.SelectMany(Of)).Concat(rows.Exchanges.SelectMany(Of))
            .Where(l => Selected(l, home, token))
            .GroupBy(l => (l.Dimension, l.Key))
            .Select(g => new TallyCount(g.Key.Dimension, g.Key.Key, g.LongCount()))
            .ToList();
        lines.Add(new TallyCount(Events, "", rows.EventsConsumed));
        return lines;
    }

    /// <summary>The tally's counts for a region and partner (null region: all), from its table.</summary>
    public static async Task<IReadOnlyList<TallyCount>> ReadAsync(NpgsqlDataSource database, string schema, string? region, string? partner, CancellationToken ct)
    {
        var (home, token) = (region?.ToLowerInvariant(), partner?.ToLowerInvariant() ?? Any);
        await using var command = database.CreateCommand(
            $"""
             select dimension, key, sum(count)::bigint from {schema}.{Table}
             where (token = $1 and ($2::text is null or region = $2)) or (token = '{Any}' and dimension like '{Everywhere}%')
             group by dimension, key having sum(count) <> 0
             """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = token });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)home ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new List<TallyCount>();
        while (await reader.ReadAsync(ct)) counts.Add(new TallyCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return counts;
    }

    /// <summary>
    /// Adds to the tally, in the session's transaction, what a batch of events changes: the rows they touch as they are
    /// (not yet changed, since the read models apply the batch on commit) and as the read models' own projections will
    /// leave them.
    /// </summary>
    public static async Task RecordAsync(IDocumentSession session, IReadOnlyList<IntegrationEventReceived> received, CancellationToken ct)
    {
        var delta = new Dictionary<Line, long> { [new Line("", Any, Events, "")] = received.Count };
        await Difference(session, new AgreementRowProjection(), received, Of, delta, ct);
        await Difference(session, new VisitRowProjection(), received, Of, delta, ct);
        await Difference(session, new TradeReportRowProjection(), received, Of, delta, ct);
        await Difference(session, new ProjectRowProjection(), received, Of, delta, ct);
        await Difference(session, new OccasionRowProjection(), received, Of, delta, ct);
        await Difference(session, new ExchangeRowProjection(), received, Of, delta, ct);
        Add(session, delta);
    }

    private static async Task Difference<TRow>(IQuerySession session, RowProjection<TRow> projection, IReadOnlyList<IntegrationEventReceived> events,
        Func<TRow, IEnumerable<Line>> lines, Dictionary<Line, long> delta, CancellationToken ct) where TRow : class, IDashboardRow
    {
        var ids = events.Select(projection.RowOf).OfType<Guid>().Distinct().ToArray();
        if (ids.Length == 0) return;
        var before = (await session.LoadManyAsync<TRow>(ct, ids)).ToDictionary(r => r.Id);
        var after = new Dictionary<Guid, TRow>(before);
        foreach (var e in events) projection.Fold(after, e);
        foreach (var row in before.Values)
        foreach (var line in lines(row))
            delta[line] = delta.GetValueOrDefault(line) - 1;
        foreach (var row in after.Values)
        foreach (var line in lines(row))
            delta[line] = delta.GetValueOrDefault(line) + 1;
    }

    /// <summary>
    /// Counts the tally again from the read models, replacing it in the session's transaction (readers see the old one until it
    /// commits). The caller has begun the transaction: its first statement locks the tally against writers, so a consumer's batch
    /// (another instance's) commits either before the recount reads anything, and is counted from its rows, or after the
    /// recount commits, and adds its difference to the new counts; never in between, lost or counted twice. A second recount
    /// waits for the first. Readers of the tally are not held up.
    /// </summary>
    public static async Task RecountAsync(IDocumentSession session, CancellationToken ct)
    {
        // Share row exclusive conflicts with the row exclusive lock of the consumer's upsert and with itself, not with reads.
        await using (var command = new NpgsqlCommand($"lock table {session.DocumentStore.Options.DatabaseSchemaName}.{Table} in share row exclusive mode", session.Connection))
            await command.ExecuteNonQueryAsync(ct);
        var counts = new Dictionary<Line, long> { [new Line("", Any, Events, "")] = await session.Events.QueryAllRawEvents().CountAsync(ct) };
        await Tally(session.Query<AgreementRow>(), Of, counts, ct);
        await Tally(session.Query<VisitRow>(), Of, counts, ct);
        await Tally(session.Query<TradeReportRow>(), Of, counts, ct);
        await Tally(session.Query<ProjectRow>(), Of, counts, ct);
        await Tally(session.Query<OccasionRow>(), Of, counts, ct);
        await Tally(session.Query<ExchangeRow>(), Of, counts, ct);
        session.QueueSqlCommand($"delete from {session.DocumentStore.Options.DatabaseSchemaName}.{Table}");
        Add(session, counts);
    }

    private static async Task Tally<TRow>(IQueryable<TRow> rows, Func<TRow, IEnumerable<Line>> lines, Dictionary<Line, long> counts, CancellationToken ct) where TRow : notnull
    {
        await foreach (var row in rows.ToAsyncEnumerable(ct))
        foreach (var line in lines(row))
            counts[line] = counts.GetValueOrDefault(line) + 1;
    }

    private static void Add(IDocumentSession session, Dictionary<Line, long> delta)
    {
        var changes = delta.Where(d => d.Value != 0).ToList();
        if (changes.Count == 0) return;
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.{Table}";
        session.QueueSqlCommand(
            $"""
             insert into {table} (region, token, dimension, key, count)
             select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
             on conflict (region, token, dimension, key) do update set count = {Table}.count + excluded.count
             """,
            changes.Select(c => c.Key.Region).ToArray(), changes.Select(c => c.Key.Token).ToArray(), changes.Select(c => c.Key.Dimension).ToArray(),
            changes.Select(c => c.Key.Key).ToArray(), changes.Select(c => c.Value).ToArray());
    }
}

/// <summary>A read model's row, one per record of another service.</summary>
public interface IDashboardRow
{
    Guid Id { get; }
}
