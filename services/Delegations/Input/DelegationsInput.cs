namespace Cooperation.Delegations.Input;

/// <summary>The item of a plan a visit carries out, as a request names it: planning a visit and naming its item alike.</summary>
public sealed record PlanItemInput(Guid? AgreementId, Guid? ItemId)
{
    /// <summary>The item named, once the request is known to name both ids.</summary>
    public PlanItemLink Link() => new(AgreementId!.Value, ItemId!.Value);
}
