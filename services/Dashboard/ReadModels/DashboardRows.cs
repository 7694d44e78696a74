using System.Globalization;
using Cooperation.Dashboard.Recording;
using JasperFx.Events;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// The rows every table of the dashboard is counted from, now or as they stood at a moment, with the part of the log they
/// reflect. Now, they are the read models; at a past moment, the log up to that moment folded by the very projections that
/// keep the read models, in the log's order. Both feed one counting code, so the past is counted exactly as the present
/// is, and nothing is stored twice or needs migrating when a read model changes.
/// </summary>
/// <param name="Day">The day expiry and overdue are read against: today, or the day of the moment asked for.</param>
/// <param name="EventsConsumed">Events in the log up to the moment.</param>
/// <param name="LogPosition">The sequence of the last of them in the dashboard's log; 0 for none.</param>
/// <param name="LastEventAt">When the last of them was recorded by its service.</param>
/// <param name="AsOf">The moment asked for; null for now.</param>
public sealed record DashboardRows(
    IReadOnlyList<AgreementRow> Agreements,
    IReadOnlyList<VisitRow> Visits,
    IReadOnlyList<TradeReportRow> Reports,
    IReadOnlyList<ProjectRow> Projects,
    IReadOnlyList<OccasionRow> Occasions,
    IReadOnlyList<ExchangeRow> Exchanges,
    IReadOnlyList<VisitCountRow> VisitCounts,
    IReadOnlyList<CompanyCountRow> CompanyCounts,
    DateOnly Day,
    long EventsConsumed,
    long LogPosition,
    DateTimeOffset? LastEventAt,
    DateTimeOffset? AsOf)
{
    /// <summary>Checks <c>asOf</c>: a UTC timestamp (an offset is converted; none is taken as UTC), not in the future.</summary>
    public static DateTimeOffset? Moment(string? asOf, Validation validation, TimeProvider clock)
    {
        if (asOf is null) return null;
        if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            validation.Add("asOf", $"'{asOf}' is not a UTC timestamp such as 2024-05-01T12:00:00Z.");
            return null;
        }
        validation.Require(moment <= clock.GetUtcNow(), "asOf", "asOf is in the future: the dashboard shows what it has received, not what is to come.");
        return moment;
    }

    public static async Task<DashboardRows> ReadAsync(IQuerySession session, DateTimeOffset? asOf, TimeProvider clock, CancellationToken ct)
    {
        if (asOf is { } moment) return await ReplayAsync(session, moment, ct);

        var agreements = await session.Query<AgreementRow>().ToListAsync(ct);
        var visits = await session.Query<VisitRow>().ToListAsync(ct);
        var reports = await session.Query<TradeReportRow>().ToListAsync(ct);
        var projects = await session.Query<ProjectRow>().ToListAsync(ct);
        var occasions = await session.Query<OccasionRow>().ToListAsync(ct);
        var exchanges = await session.Query<ExchangeRow>().ToListAsync(ct);
        var visitCounts = await session.Query<VisitCountRow>().ToListAsync(ct);
        var companyCounts = await session.Query<CompanyCountRow>().ToListAsync(ct);
        var count = await session.Events.QueryAllRawEvents().CountAsync(ct);
        var (position, lastEventAt) = await LastAsync(session, ct);
        return new DashboardRows(Kept(agreements), Kept(visits), Kept(reports), Kept(projects), Kept(occasions), Kept(exchanges),
            Kept(visitCounts), Kept(companyCounts), clock.Today(), count, position, lastEventAt, null);
    }

    /// <summary>The position in the log of its last event (0 for none) and when its service recorded it.</summary>
    public static async Task<(long Position, DateTimeOffset? At)> LastAsync(IQuerySession session, CancellationToken ct)
    {
        var last = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Take(1).ToListAsync(ct);
        return (last is [{ } e] ? e.Sequence : 0, RecordedAt(last));
    }

    /// <summary>The log up to the moment (by when the dashboard recorded each event), folded by the read models' projections.</summary>
    private static async Task<DashboardRows> ReplayAsync(IQuerySession session, DateTimeOffset moment, CancellationToken ct)
    {
        var agreements = new Dictionary<Guid, AgreementRow>();
        var visits = new Dictionary<Guid, VisitRow>();
        var reports = new Dictionary<Guid, TradeReportRow>();
        var projects = new Dictionary<Guid, ProjectRow>();
        var occasions = new Dictionary<Guid, OccasionRow>();
        var exchanges = new Dictionary<Guid, ExchangeRow>();
        var visitCounts = new Dictionary<Guid, VisitCountRow>();
        var companyCounts = new Dictionary<Guid, CompanyCountRow>();
        var (agreementRows, visitRows, reportRows, projectRows, occasionRows, exchangeRows) = (new AgreementRowProjection(), new VisitRowProjection(),
            new TradeReportRowProjection(), new ProjectRowProjection(), new OccasionRowProjection(), new ExchangeRowProjection());
        var (visitCountRows, companyCountRows) = (new VisitCountRowProjection(), new CompanyCountRowProjection());
        long count = 0;
        IEvent? last = null;
        await foreach (var e in session.Events.QueryAllRawEvents().Where(e => e.Timestamp <= moment).OrderBy(e => e.Sequence).ToAsyncEnumerable(ct))
        {
            agreementRows.Fold(agreements, e);
            visitRows.Fold(visits, e);
            reportRows.Fold(reports, e);
            projectRows.Fold(projects, e);
            occasionRows.Fold(occasions, e);
            exchangeRows.Fold(exchanges, e);
            visitCountRows.Fold(visitCounts, e);
            companyCountRows.Fold(companyCounts, e);
            count++;
            last = e;
        }
        return new DashboardRows(Kept(agreements.Values), Kept(visits.Values), Kept(reports.Values), Kept(projects.Values), Kept(occasions.Values), Kept(exchanges.Values),
            Kept(visitCounts.Values), Kept(companyCounts.Values), moment.Day(), count, last?.Sequence ?? 0,
            last is null ? null : RecordedAt([last]), moment);
    }

    // Rows only later events have reached (no registration yet) are not counted.
    private static AgreementRow[] Kept(IEnumerable<AgreementRow> rows) => rows.Where(a => a.Kind is not null).ToArray();

    private static VisitRow[] Kept(IEnumerable<VisitRow> rows) => rows.Where(v => v.Direction is not null).ToArray();

    private static TradeReportRow[] Kept(IEnumerable<TradeReportRow> rows) => rows.Where(r => r.Partner is not null).ToArray();

    private static ProjectRow[] Kept(IEnumerable<ProjectRow> rows) => rows.Where(p => p.Name is not null).ToArray();

    private static OccasionRow[] Kept(IEnumerable<OccasionRow> rows) => rows.Where(o => o.Kind is not null).ToArray();

    private static ExchangeRow[] Kept(IEnumerable<ExchangeRow> rows) => rows.Where(x => x.Kind is not null).ToArray();

    private static VisitCountRow[] Kept(IEnumerable<VisitCountRow> rows) => rows.Where(c => c.Direction is not null).ToArray();

    private static CompanyCountRow[] Kept(IEnumerable<CompanyCountRow> rows) => rows.Where(c => c.Place is not null).ToArray();

    private static DateTimeOffset? RecordedAt(IReadOnlyList<IEvent> last) => last is [{ Data: IntegrationEventReceived received }] ? received.Metadata.RecordedAt : null;
}
