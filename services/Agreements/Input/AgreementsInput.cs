namespace Cooperation.Agreements.Input;

public sealed record SignatoryInput(string? Name, string? Position, string? Party);

/// <summary>How more than one of the Agreements use cases reads its input: each value checked on its own, every problem under its field.</summary>
public static class AgreementsInput
{
    /// <summary>Who signed, for a registration as signed and for a signing alike.</summary>
    public static Signatory[] Signatories(this Validation v, SignatoryInput?[]? inputs) =>
        (v.Items(inputs, "signatories") ? inputs ?? [] : []).Select((s, i) => new Signatory(
            v.Text(s?.Name, $"signatories[{i}].name", 200) ?? "",
            v.Text(s?.Position, $"signatories[{i}].position", 200, required: false),
            v.Text(s?.Party, $"signatories[{i}].party", 200, required: false))).ToArray();
}
