using Cooperation.Contracts;
using Cooperation.Dashboard.Recording;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// A read model over the dashboard's log, one row per record of another service: each contract a row follows names the
/// row and how it changes it; every other entry of the log passes it by. Tolerant of arrival out of order.
/// </summary>
public abstract class RowProjection<TRow> : MultiStreamProjection<TRow, Guid> where TRow : class
{
    /// <param name="version">Raise it whenever the row or the way a contract changes it changes: Marten keeps each version's
    /// rows apart, and the dashboard rebuilds them from its log on its next start.</param>
    protected RowProjection(uint version)
    {
        Version = version;
        Identities<IntegrationEventReceived>(received => received.Event is { } contract && Change(contract) is (var row, _) ? [row] : []);
    }

    /// <summary>The row a contract changes and how, or null for a contract this read model does not follow.</summary>
    protected abstract (Guid Row, Func<TRow, TRow> Apply)? Change(IIntegrationEvent contract);

    protected abstract TRow Empty(Guid id);

    /// <summary>The row as last changed at the later of its time and the event's.</summary>
    protected abstract TRow Touched(TRow row, DateTimeOffset at);

    /// <summary>Applies an event of the log to rows kept in memory, as the read model applies it to its table: the past on demand.</summary>
    public void Fold(IDictionary<Guid, TRow> rows, IEvent e)
    {
        if (e.Data is IntegrationEventReceived received) Fold(rows, received);
    }

    /// <inheritdoc cref="Fold(IDictionary{Guid, TRow}, IEvent)"/>
    public void Fold(IDictionary<Guid, TRow> rows, IntegrationEventReceived received)
    {
        if (RowOf(received) is { } id) rows[id] = Evolve(rows.TryGetValue(id, out var row) ? row : null, id, received);
    }

    /// <summary>The row an entry of the log changes, or null when this read model does not follow it.</summary>
    public Guid? RowOf(IntegrationEventReceived received) => received.Event is { } contract && Change(contract) is (var id, _) ? id : null;

    public override TRow Evolve(TRow? snapshot, Guid id, IEvent e) =>
        e.Data is IntegrationEventReceived received ? Evolve(snapshot, id, received) : snapshot ?? Empty(id);

    private TRow Evolve(TRow? snapshot, Guid id, IntegrationEventReceived received)
    {
        var row = snapshot ?? Empty(id);
        return received.Event is { } contract && Change(contract) is (_, var apply)
            ? apply(Touched(row, contract.Metadata.RecordedAt))
            : row;
    }
}
