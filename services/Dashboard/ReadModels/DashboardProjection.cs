using Cooperation.Dashboard.Recording;
using Agreements = Cooperation.Contracts.Agreements;
using Delegations = Cooperation.Contracts.Delegations;
using Trade = Cooperation.Contracts.Trade;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// Derives the read models from the dashboard's log. Bump <see cref="Version"/> whenever a read model or the way an
/// event changes it changes: on its next start the dashboard drops the read models and replays its whole log.
/// </summary>
public static class DashboardProjection
{
    // 2: visits from the Delegations service. 3: trade reports from the Trade service.
    public const int Version = 3;

    /// <summary>The documents this projection writes, all of them dropped before a rebuild.</summary>
    public static readonly Type[] ReadModels = [typeof(AgreementRow), typeof(VisitRow), typeof(TradeReportRow)];

    public static Task Apply(IntegrationEventReceived received, ReadModelBatch rows, CancellationToken ct) => received.Read() switch
    {
        Agreements.AgreementRegistered e => rows.Update<AgreementRow>(e.AgreementId, row => AgreementRows.Apply(row, e), ct),
        Agreements.AgreementSigned e => rows.Update<AgreementRow>(e.AgreementId, row => AgreementRows.Apply(row, e), ct),
        Agreements.AgreementAmended e => rows.Update<AgreementRow>(e.AgreementId, row => AgreementRows.Apply(row, e), ct),
        Agreements.AgreementExtended e => rows.Update<AgreementRow>(e.AgreementId, row => AgreementRows.Apply(row, e), ct),
        Agreements.AgreementTerminated e => rows.Update<AgreementRow>(e.AgreementId, row => AgreementRows.Apply(row, e), ct),
        Agreements.PlanAttachedToAgreement e => rows.Update<AgreementRow>(e.AgreementId, row => AgreementRows.Apply(row, e), ct),
        Delegations.VisitPlanned e => rows.Update<VisitRow>(e.VisitId, row => VisitRows.Apply(row, e), ct),
        Delegations.VisitRescheduled e => rows.Update<VisitRow>(e.VisitId, row => VisitRows.Apply(row, e), ct),
        Delegations.DocumentSignedDuringVisit e => rows.Update<VisitRow>(e.VisitId, row => VisitRows.Apply(row, e), ct),
        Delegations.VisitCompleted e => rows.Update<VisitRow>(e.VisitId, row => VisitRows.Apply(row, e), ct),
        Delegations.VisitCancelled e => rows.Update<VisitRow>(e.VisitId, row => VisitRows.Apply(row, e), ct),
        Trade.TradeReportFiled e => rows.Update<TradeReportRow>(e.ReportId, row => TradeReportRows.Apply(row, e), ct),
        Trade.TradeReportRevised e => rows.Update<TradeReportRow>(e.ReportId, row => TradeReportRows.Apply(row, e), ct),
        // Kept in the log, shown in the feed; counted once a build knows the contract.
        _ => Task.CompletedTask,
    };
}
