using Cooperation.Vocabulary;
using Cooperation.Agreements.AddingPlanItems;
using PlanItems = Cooperation.Agreements.AddingPlanItems.AddingPlanItems;
using Cooperation.Agreements.Commissions.Details;

namespace Cooperation.Agreements.Commissions.Sessions;

/// <param name="PlanItem">The item the decision adds to the session's plan of events, when it adds one.</param>
public sealed record SessionDecisionInput(string? Text, AddPlanItemRequest? PlanItem);

public sealed record RecordSessionRequest(
    int? Number,
    [property: PartialDateText] string? On,
    PartyInput? Place,
    string?[]? Agenda,
    SessionDecisionInput?[]? Decisions,
    Guid? PlanId,
    SourceInput? Source,
    string? Note = null);

/// <param name="Items">The plan items the decisions add, each with the index of its decision.</param>
public sealed record RecordSession(Guid SessionId, int? Number, PartialDate On, Party? Place, string[] Agenda, SessionDecision[] Decisions,
    AddPlanItem[] Items, Source? Source, string? Note, Actor Actor, DateOnly Today);

public static class RecordingSessions
{
    /// <summary>Records a session held (not one to come: its date has passed or is today).</summary>
    public static Decision Decide(Commission commission, RecordSession command)
    {
        if (commission.Guard(command.Actor) is { } denied) return denied;
        if (command.On.Start > command.Today) return DomainError.Invalid("on", "A session is recorded once it has been held: on cannot be in the future.");
        if (commission.Sessions >= Commission.MaxSessions) return DomainError.Conflict($"A commission lists at most {Commission.MaxSessions} sessions.");
        return Decision.Of(new CommissionSessionHeld(commission.Id, command.SessionId, commission.FoundingAgreementId, command.Number, command.On, command.Place, command.Agenda,
            command.Decisions, command.Source, command.Note));
    }

    /// <summary>The items the decisions add go on the plan of events named, as if added to it directly: the same rules hold.</summary>
    public static Decision AddItems(Agreement? plan, Guid planId, RecordSession command)
    {
        if (plan is null) return DomainError.Invalid("planId", $"There is no agreement {planId}.");
        var added = new List<object>();
        foreach (var item in command.Items)
        {
            var decision = PlanItems.Decide(plan, item);
            if (decision.Error is { } error) return error.Kind == ErrorKind.Conflict ? DomainError.Invalid("planId", error.Detail) : error;
            added.AddRange(decision.Events);
            plan = plan.Apply((PlanItemAdded)decision.Events[0]);
        }
        return Decision.Of([.. added]);
    }

    public static RouteGroupBuilder MapRecordingSessions(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/sessions", HandleAsync, "RecordCommissionSession",
            "Records a session of a commission: its number, date, place, agenda and decisions; a decision may add an item to the plan of events planId");

    private static Task<Results<Created<SessionView>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RecordSessionRequest request, Validation v, Write write)
    {
        v.Require(request.Number is null or >= 1, "number", "number counts sessions from 1.");
        var on = v.Date(request.On, "on");
        var place = request.Place is null ? null : v.Party(request.Place, "place");
        var agenda = (v.Items(request.Agenda, "agenda") ? request.Agenda ?? [] : [])
            .Select((a, i) => v.Text(a, $"agenda[{i}]", 1000) ?? "").ToArray();
        var decisions = new List<SessionDecision>();
        var items = new List<AddPlanItem>();
        var inputs = v.Items(request.Decisions, "decisions") ? request.Decisions ?? [] : [];
        for (var i = 0; i < inputs.Length; i++)
        {
            var field = $"decisions[{i}]";
            var text = v.Text(inputs[i]?.Text, $"{field}.text", 2000) ?? "";
            if (inputs[i]?.PlanItem is not { } planItem) { decisions.Add(new SessionDecision(text, null, null)); continue; }
            var item = new AddPlanItem(Guid.CreateVersion7(),
                v.Text(planItem.Title, $"{field}.planItem.title", 1000) ?? "",
                v.Date(planItem.Due, $"{field}.planItem.due", required: false),
                v.OneOf(planItem.Sphere, $"{field}.planItem.sphere", AgreementKinds.Spheres, required: false),
                v.Text(planItem.Responsible, $"{field}.planItem.responsible", v.Limits.Name, required: false),
                write.Actor);
            items.Add(item);
            decisions.Add(new SessionDecision(text, request.PlanId, item.ItemId));
        }
        v.Require(items.Count == 0 || request.PlanId is not null, "planId", "A decision adds a plan item: name the plan of events in planId.");
        v.Require(items.Count > 0 || request.PlanId is null, "planId", "planId names the plan the decisions add items to; no decision adds one.");
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        if (v.Failed(out var invalid)) return Task.FromResult<Results<Created<SessionView>, Accepted<ValidatedWrite>, ProblemHttpResult>>(invalid.ToProblem());

        var command = new RecordSession(Guid.CreateVersion7(), request.Number, on!.Value, place, agenda, [.. decisions], [.. items], source, note,
            write.Actor, write.Today);
        var plan = request.PlanId is { } planId ? new Alongside<Agreement>(planId, p => AddItems(p, planId, command)) : null;
        // The session this write added is the last one of the commission as the write left it, on a retry as on the first answer.
        return write.AppendCreated<Commission, CommissionDetails, SessionView>(id, request, v, commission => Decide(commission, command),
            c => (c.Sessions[^1].Id, c.Sessions[^1]), plan);
    }
}
