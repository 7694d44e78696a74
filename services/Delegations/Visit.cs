namespace Cooperation.Delegations;

/// <summary>
/// A visit's status; overdue is never stored: a planned visit reads as overdue once its last planned day has passed. A visit is
/// under way from the start its committee reports until its completion, whatever its planned dates say.
/// </summary>
public enum VisitStatus { Planned, UnderWay, Overdue, Completed, Cancelled }

/// <summary>What decisions about a visit need to know.</summary>
public sealed record Visit(Guid Id, VisitStatus Status, Party Host, PartialDate PlannedFrom, PartialDate? PlannedTo, PlanItemLink? PlanItem = null,
    PartialDate? StartedOn = null)
{
    public static Visit Create(VisitPlanned e) => new(e.VisitId, VisitStatus.Planned, e.Host, e.PlannedFrom, e.PlannedTo, e.PlanItem);

    public Visit Apply(VisitRescheduled e) => this with { PlannedFrom = e.PlannedFrom, PlannedTo = e.PlannedTo };

    public Visit Apply(ProgrammeRecorded e) => this;

    public Visit Apply(PlanItemNamed e) => this with { PlanItem = e.PlanItem };

    public Visit Apply(DocumentSigned e) => this;

    public Visit Apply(VisitStarted e) => this with { Status = VisitStatus.UnderWay, StartedOn = e.On };

    public Visit Apply(VisitCompleted e) => this with { Status = VisitStatus.Completed };

    public Visit Apply(VisitCancelled e) => this with { Status = VisitStatus.Cancelled };

    /// <summary>Committees change the visits their territory hosts; the ministry those hosted by a country; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite([Host]) ? null : DomainError.Forbidden("This visit is not hosted in your territory.");

    public DomainError? MustBePlanned() =>
        Status == VisitStatus.Planned ? null : DomainError.Conflict($"The visit is already {Status.Name()}.");

    /// <summary>Planned or under way: neither completed nor cancelled.</summary>
    public DomainError? MustBeOpen() =>
        Status is VisitStatus.Planned or VisitStatus.UnderWay ? null : DomainError.Conflict($"The visit is already {Status.Name()}.");

    /// <summary>The planned dates must run forwards: the last planned day is not before the first.</summary>
    public static DomainError? CheckDates(PartialDate from, PartialDate? to, string toField = "plannedTo") =>
        to is { } end && end.End < from.Start ? DomainError.Invalid(toField, $"{toField} cannot come before {(toField == "plannedTo" ? "plannedFrom" : "from")}.") : null;
}
