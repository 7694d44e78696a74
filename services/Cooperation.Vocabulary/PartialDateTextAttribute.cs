namespace Cooperation.Vocabulary;

/// <summary>
/// Marks a string of a request that is read as a <see cref="PartialDate"/> (2004, 2007-11, 2002-07-31), so that the OpenAPI
/// document gives it the partial date's pattern: <c>[property: PartialDateText] string? SignedOn</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PartialDateTextAttribute : Attribute;
